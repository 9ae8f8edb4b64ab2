namespace Platform.Bench.Gateway;

/// <summary>
/// Bare YARP (<c>bench/BareYarp</c>): one catch-all route to the backend and nothing else, run as its own process
/// with the gateway's runtime settings, so the gateway's features are what the two differ by.
/// </summary>
public static class BareYarpProcess
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static async Task<ChildProcess> StartAsync(string repository, Uri backend, AllocationProbe probe)
    {
        var assembly = Path.Combine(repository, "bench", "BareYarp", "bin", Configuration, "net10.0", "BareYarp.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"Build it first: dotnet build -c {Configuration} bench/BareYarp", assembly);
        }

        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Backend"] = backend.ToString(),
        };
        foreach (var (name, value) in GatewayProcess.PublishedRuntimeSettings(repository).Concat(probe.Environment(repository)))
        {
            environment[name] = value;
        }

        var yarp = ChildProcess.Start("dotnet", [assembly], port, environment, Path.GetDirectoryName(assembly));
        using var http = new HttpClient { BaseAddress = yarp.Address };
        await yarp.WaitUntilAsync(async () => (await http.GetAsync(Backend.ModelsPath)).IsSuccessStatusCode);
        return yarp;
    }
}
