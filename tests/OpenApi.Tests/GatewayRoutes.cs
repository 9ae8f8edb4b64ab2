using System.Text.Json.Nodes;
using Platform.TestSupport;

namespace Platform.OpenApi.Tests;

/// <summary>The public routes the gateway forwards, as configured in <c>Gateway/appsettings.json</c>.</summary>
public sealed record GatewayRoute(string Id, string Path)
{
    public static IReadOnlyList<GatewayRoute> All { get; } = Read();

    /// <summary>The literal part of the route's path: <c>/v1/models/{**rest}</c> forwards everything under <c>/v1/models</c>.</summary>
    public string Prefix => Path.Split("/{", 2)[0];

    /// <summary>True when the gateway forwards requests for this API path to a backend.</summary>
    public bool Forwards(string apiPath) =>
        apiPath == Prefix || (Path.Contains("{**", StringComparison.Ordinal) && apiPath.StartsWith(Prefix + "/", StringComparison.Ordinal));

    private static List<GatewayRoute> Read()
    {
        var settings = JsonNode.Parse(File.ReadAllText(RepositoryRoot.Combine("Gateway", "appsettings.json")))!;
        return [.. settings["ReverseProxy"]!["Routes"]!.AsObject()
            .Select(route => new GatewayRoute(route.Key, route.Value!["Match"]!["Path"]!.GetValue<string>()))];
    }
}
