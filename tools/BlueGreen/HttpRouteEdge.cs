using System.Text.Json.Nodes;

namespace Platform.Tools.BlueGreen;

/// <summary>
/// The edge of a cluster: the HTTPRoutes the publisher labels <c>platform/traffic=colour-switch</c>, each sending to
/// <c>gateway-blue</c> and <c>gateway-green</c> by weight. Every route is patched; Envoy Gateway applies the change to
/// new requests and leaves open connections where they are.
/// </summary>
public sealed class HttpRouteEdge(Kubectl kubectl) : IColourEdge
{
    public const string Selector = "platform/traffic=colour-switch";

    public async Task<EdgeWeights> ReadAsync(CancellationToken cancellationToken)
    {
        var routes = await RoutesAsync(cancellationToken);
        var total = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (colour, weight) in routes.SelectMany(WeightPatch.Read))
        {
            total[colour] = total.GetValueOrDefault(colour) + weight;
        }

        return new EdgeWeights(total);
    }

    public async Task SetAsync(EdgeWeights weights, CancellationToken cancellationToken)
    {
        foreach (var route in await RoutesAsync(cancellationToken))
        {
            var name = route["metadata"]!["name"]!.GetValue<string>();
            await kubectl.RunAsync(["patch", "httproute", name, "--type", "json", "--patch", WeightPatch.For(route, weights).ToJsonString()], cancellationToken);
        }
    }

    private async Task<IReadOnlyList<JsonNode>> RoutesAsync(CancellationToken cancellationToken)
    {
        var list = JsonNode.Parse(await kubectl.RunAsync(["get", "httproute", "--selector", Selector, "--output", "json"], cancellationToken))!;
        var routes = list["items"]!.AsArray().Select(item => item!).ToList();
        return routes.Count > 0
            ? routes
            : throw new InvalidOperationException($"No HTTPRoute labelled {Selector} in namespace {kubectl.Namespace}: is the blue-green overlay applied?");
    }
}
