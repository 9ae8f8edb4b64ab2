using System.Globalization;
using System.Text.Json.Nodes;

namespace Platform.Deploy.Tests.Support;

/// <summary>A service's <c>appsettings.json</c>, read here on its own so the tests do not share the publisher's reading of it.</summary>
public static class ServiceAppSettings
{
    public static JsonNode Of(string project) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Repository.Root, project, "appsettings.json")))!;

    /// <summary>The gateway's routes with the limits it enforces: its own, or the <c>Limits</c> defaults.</summary>
    public static IReadOnlyList<(string Id, string Path, long Body, TimeSpan Timeout)> GatewayRoutes()
    {
        var settings = Of("Gateway");
        var limits = settings["Limits"]!;
        var defaultBody = limits["MaxRequestBodyBytes"]!.GetValue<long>();
        var defaultTimeout = TimeSpan.Parse(limits["RouteTimeout"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        return [.. settings["ReverseProxy"]!["Routes"]!.AsObject().Select(route => (
            route.Key,
            route.Value!["Match"]!["Path"]!.GetValue<string>(),
            route.Value["MaxRequestBodySize"]?.GetValue<long>() ?? defaultBody,
            route.Value["Timeout"] is { } timeout ? TimeSpan.Parse(timeout.GetValue<string>(), CultureInfo.InvariantCulture) : defaultTimeout))];
    }
}
