using System.Globalization;

namespace Platform.Bench.Gateway;

/// <summary>
/// Bytes a .NET proxy has allocated so far, as the startup hook in <c>bench/AllocationProbe</c> writes them from
/// inside the process (<c>DOTNET_STARTUP_HOOKS</c>); divided by the requests served in between, bytes per request.
/// </summary>
public sealed class AllocationProbe
{
    public const string FileVariable = "PLATFORM_ALLOCATION_PROBE_FILE";

    private AllocationProbe(string file) => File = file;

    public string File { get; }

    public static AllocationProbe Create(string name) =>
        new(Path.Combine(Directory.CreateTempSubdirectory($"gatewaybench-{name}-alloc-").FullName, "allocated"));

    /// <summary>The environment that loads the hook into a process and points it at this probe's file.</summary>
    public IReadOnlyDictionary<string, string> Environment(string repository) => new Dictionary<string, string>
    {
        ["DOTNET_STARTUP_HOOKS"] = HookAssembly(repository),
        [FileVariable] = File,
    };

    /// <summary>Waits one probe period so the value read is current, then reads it.</summary>
    public async Task<long> ReadAsync()
    {
        await Task.Delay(120);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return long.Parse(await System.IO.File.ReadAllTextAsync(File), CultureInfo.InvariantCulture);
            }
            catch (Exception exception) when (exception is IOException or FormatException && attempt < 20)
            {
                await Task.Delay(50);
            }
        }
    }

    private static string HookAssembly(string repository)
    {
#if DEBUG
        const string configuration = "Debug";
#else
        const string configuration = "Release";
#endif
        var assembly = Path.Combine(repository, "bench", "AllocationProbe", "bin", configuration, "net10.0", "AllocationProbe.dll");
        return System.IO.File.Exists(assembly)
            ? assembly
            : throw new FileNotFoundException($"Build the probe first: dotnet build -c {configuration} bench/AllocationProbe", assembly);
    }
}
