using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.TestSupport;

namespace Platform.Bench.Gateway;

/// <summary>
/// The real gateway, built in the same configuration as this program, run as its own process with API-key
/// authentication and Redis rate limits on (the limit set far above the load so nothing is rejected), and the
/// .NET runtime settings (<c>DOTNET_*</c>) the published Kubernetes manifests give the gateway.
/// </summary>
public static partial class GatewayProcess
{
    public const string Key = "bench-key-not-a-secret";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    /// <summary>Starts the gateway built in <paramref name="buildDirectory"/>, by default this repository's build.</summary>
    public static async Task<ChildProcess> StartAsync(string repository, Uri backend, int redisPort, AllocationProbe probe, string? buildDirectory = null)
    {
        var assembly = Path.Combine(buildDirectory ?? Path.Combine(repository, "Gateway", "bin", Configuration, "net10.0"), "Gateway.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"Build the gateway first: dotnet build -c {Configuration} Gateway", assembly);
        }

        var port = FreePort.Next();
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Logging__LogLevel__Default"] = "Warning",
            ["ConnectionStrings__redis"] = $"127.0.0.1:{redisPort}",
            ["ReverseProxy__Clusters__models__Destinations__models__Address"] = backend.ToString(),
            ["ReverseProxy__Clusters__agents__Destinations__agents__Address"] = backend.ToString(),
            ["Authentication__ApiKeys__bench__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key))),
            ["Authentication__ApiKeys__bench__Scopes__0"] = "models",
            ["RateLimits__RequestsPerMinute"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
            ["RateLimits__ConcurrentStreams"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
            [SignedCaller.KeyVariable] = SignedCaller.Key,
        };
        foreach (var (name, value) in probe.Environment(repository))
        {
            environment[name] = value;
        }

        foreach (var (name, value) in PublishedRuntimeSettings(repository))
        {
            environment[name] = value;
        }

        // Its appsettings.json (routes, clusters) is found in the content root, the working directory.
        var gateway = ChildProcess.Start("dotnet", [assembly], port, environment, Path.GetDirectoryName(assembly));
        using var http = new HttpClient { BaseAddress = gateway.Address };
        await gateway.WaitUntilAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Backend.ModelsPath);
            request.Headers.Authorization = new("Bearer", Key);
            using var response = await http.SendAsync(request);
            // Proof that authentication and the Redis rate limiter are on the measured path.
            return response.IsSuccessStatusCode && response.Headers.Contains("x-ratelimit-remaining");
        });
        return gateway;
    }

    /// <summary>The <c>DOTNET_*</c> entries of the gateway's ConfigMap in <c>deploy/kubernetes/base/gateway.yaml</c>.</summary>
    public static IReadOnlyDictionary<string, string> PublishedRuntimeSettings(string repository)
    {
        var manifest = Path.Combine(repository, "deploy", "kubernetes", "base", "gateway.yaml");
        return RuntimeSetting().Matches(File.ReadAllText(manifest))
            .ToDictionary(match => match.Groups[1].Value, match => match.Groups[2].Value, StringComparer.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex("""^\s+(DOTNET_[A-Za-z0-9_]+):\s*"?([^"\r\n]*)"?\s*$""", System.Text.RegularExpressions.RegexOptions.Multiline)]
    private static partial System.Text.RegularExpressions.Regex RuntimeSetting();
}
