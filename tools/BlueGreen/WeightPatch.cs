using System.Text.Json.Nodes;

namespace Platform.Tools.BlueGreen;

/// <summary>
/// The JSON patch that sets one HTTPRoute's backend weights. Each weight is guarded by a <c>test</c> of the backend's
/// name, so a route whose backends moved since it was read is refused whole rather than half-switched.
/// </summary>
public static class WeightPatch
{
    public static JsonArray For(JsonNode route, EdgeWeights weights)
    {
        var patch = new JsonArray();
        var rules = route["spec"]?["rules"]?.AsArray() ?? [];
        for (var rule = 0; rule < rules.Count; rule++)
        {
            var backends = rules[rule]?["backendRefs"]?.AsArray() ?? [];
            for (var backend = 0; backend < backends.Count; backend++)
            {
                var name = backends[backend]?["name"]?.GetValue<string>() ?? "";
                if (ColourOf(name) is not { } colour || !weights.ByColour.TryGetValue(colour, out var weight))
                {
                    continue;
                }

                var path = $"/spec/rules/{rule}/backendRefs/{backend}";
                patch.Add(new JsonObject { ["op"] = "test", ["path"] = $"{path}/name", ["value"] = name });
                patch.Add(new JsonObject { ["op"] = "add", ["path"] = $"{path}/weight", ["value"] = weight });
            }
        }

        return patch;
    }

    /// <summary>The weights a route gives each colour, summed over its rules.</summary>
    public static Dictionary<string, int> Read(JsonNode route)
    {
        var weights = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var backend in (route["spec"]?["rules"]?.AsArray() ?? []).SelectMany(rule => rule?["backendRefs"]?.AsArray() ?? []))
        {
            if (ColourOf(backend?["name"]?.GetValue<string>() ?? "") is { } colour)
            {
                // A backend without a weight gets the Gateway API default of 1.
                weights[colour] = weights.GetValueOrDefault(colour) + (backend?["weight"]?.GetValue<int>() ?? 1);
            }
        }

        return weights;
    }

    /// <summary><c>gateway-green</c> is green's.</summary>
    public static string? ColourOf(string backend) =>
        EdgeWeights.Colours.FirstOrDefault(colour => backend.EndsWith($"-{colour}", StringComparison.Ordinal));
}
