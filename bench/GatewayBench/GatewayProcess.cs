using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Bench.Gateway;

/// <summary>
/// The real gateway, built in the same configuration as this program, run as its own process with API-key
/// authentication and Redis rate limits on (the limit set far above the load so nothing is rejected).
/// </summary>
public static class GatewayProcess
{
    public const string Key = "bench-key-not-a-secret";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static async Task<ChildProcess> StartAsync(string repository, Uri backend, int redisPort)
    {
        var assembly = Path.Combine(repository, "Gateway", "bin", Configuration, "net10.0", "Gateway.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"Build the gateway first: dotnet build -c {Configuration} Gateway", assembly);
        }

        var port = Repository.FreePort();
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
        };
        // Its appsettings.json (routes, clusters) is found in the content root, the working directory.
        var gateway = ChildProcess.Start("dotnet", [assembly], port, environment, Path.GetDirectoryName(assembly));
        using var http = new HttpClient { BaseAddress = gateway.Address };
        await gateway.WaitUntilAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, Backend.Path);
            request.Headers.Authorization = new("Bearer", Key);
            using var response = await http.SendAsync(request);
            // Proof that authentication and the Redis rate limiter are on the measured path.
            return response.IsSuccessStatusCode && response.Headers.Contains("x-ratelimit-remaining");
        });
        return gateway;
    }
}
