using System.Globalization;

namespace Platform.Bench.Gateway;

/// <summary>
/// CPU time (user + system) used so far by a process and its child processes that are still running (nginx's
/// workers), read from <c>/proc</c>. Divided by the requests served in between, it is the CPU a path costs per
/// request, a figure that does not depend on how the cores were shared.
/// </summary>
public static class CpuTime
{
    // USER_HZ: /proc reports times in clock ticks of 1/100 s on Linux.
    private const double TicksPerSecond = 100;

    public static TimeSpan OfProcessTree(int processId)
    {
        var ticks = Directory.EnumerateDirectories("/proc")
            .Select(directory => int.TryParse(Path.GetFileName(directory), out var pid) ? pid : 0)
            .Where(pid => pid == processId || (pid > 0 && ParentOf(pid) == processId))
            .Sum(TicksOf);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    public static TimeSpan OfThisProcess() => System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;

    private static long TicksOf(int processId) =>
        Fields(processId) is { } fields ? long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture) : 0;

    private static int ParentOf(int processId) =>
        Fields(processId) is { } fields ? int.Parse(fields[1], CultureInfo.InvariantCulture) : 0;

    // Fields after "pid (comm) ": state, ppid, ..., utime (index 11), stime (index 12). comm may contain spaces.
    private static string[]? Fields(int processId)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{processId}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
