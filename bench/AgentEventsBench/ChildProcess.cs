using System.Diagnostics;
using System.Globalization;

namespace Platform.Bench.AgentEvents;

/// <summary>A process this benchmark started (redis-server, the agent service); stopped by its own PID when disposed.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, int port, IDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrWhiteSpace(line.Data))
            {
                Console.Error.WriteLine($"[{Path.GetFileName(fileName)}] {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, port);
    }

    public static async Task<ChildProcess> StartRedisAsync()
    {
        var port = Repository.FreePort();
        var redis = Start("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], port);
        await redis.WaitUntilAsync(async () =>
        {
            using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{port}");
            return connection.IsConnected;
        });
        return redis;
    }

    public async Task WaitUntilAsync(Func<Task<bool>> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode}.");
            }

            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or StackExchange.Redis.RedisException or IOException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{_process.StartInfo.FileName} did not become ready.");
    }

    /// <summary>CPU time (user + system) the process used so far, from <c>/proc</c> (clock ticks of 1/100 s).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{ProcessId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
