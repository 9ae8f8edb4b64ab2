using System.Text.Json.Nodes;
using Platform.Deploy.Tests.Support;
using Platform.Hosting.Kubernetes.Manifests;
using Platform.Hosting.Kubernetes.Manifests.Edge;
using Platform.Tools.BlueGreen;

namespace Platform.Deploy.Tests;

/// <summary>
/// Production is published in two colours (ADR 0039): every project as blue and green, each colour calling only
/// itself, one Redis for both, and edge routes weighted between the colours' gateways. The switch's own patches are
/// applied to the rendered routes with <c>kubectl patch --local</c> (no API server here).
/// </summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class BlueGreenTests(PublishedPlatform platform)
{
    private RenderedEnvironment Production => platform.Rendered["production"];

    [Fact]
    public void Production_runs_every_project_in_both_colours_sharing_one_redis()
    {
        foreach (var project in new[] { "agents", "gateway", "models" })
        {
            Assert.Equal([$"{project}-blue", $"{project}-green"], Production.NamesOf(project));
        }

        Assert.Equal("redis", Assert.Single(Production.All<V1StatefulSet>()).Metadata.Name);
        foreach (var colour in EdgeWeights.Colours)
        {
            var gateway = Production.Single<V1ConfigMap>($"gateway-{colour}-settings").Data;
            Assert.Equal($"http://agents-{colour}-pods:8080", gateway["services__agents__http__0"]);
            Assert.Equal($"http://models-{colour}-pods:8080", gateway["services__models__http__0"]);
            Assert.Equal($"http://models-{colour}:8080", Production.Single<V1ConfigMap>($"agents-{colour}-settings").Data["services__models__http__0"]);
            foreach (var client in new[] { "agents", "gateway" })
            {
                var env = Production.Single<V1Deployment>($"{client}-{colour}").Spec.Template.Spec.Containers.Single().Env;
                Assert.StartsWith("redis:6379,", env.Single(variable => variable.Name == "ConnectionStrings__redis").Value);
            }
        }

        // Dashboards, alerts and the models autoscaler read the job of each resource across both colours.
        Assert.Equal(2, Production.Selected(new V1LabelSelector { MatchLabels = Production.Single<V1Service>("models-pods").Spec.Selector }).Count());
    }

    [Fact]
    public async Task The_edge_sends_everything_to_blue_and_the_switch_patch_moves_every_route_to_green_and_back()
    {
        var routes = Production.All<HttpRoute>().ToList();
        Assert.Equal(ServiceAppSettings.GatewayRoutes().Count, routes.Count);
        using var workspace = new TemporaryDirectory();

        foreach (var route in routes)
        {
            Assert.Equal(EdgeManifests.SwitchedValue, route.Metadata.Labels[EdgeManifests.SwitchedLabel]);
            var published = JsonNode.Parse(KubernetesJson.Serialize(route))!;
            Assert.Equal(EdgeWeights.AllTo(EdgeWeights.Blue).ByColour, WeightPatch.Read(published));

            var toGreen = await PatchLocallyAsync(workspace.Path, published, EdgeWeights.AllTo(EdgeWeights.Green));
            Assert.Equal(EdgeWeights.AllTo(EdgeWeights.Green).ByColour, WeightPatch.Read(toGreen));
            var back = await PatchLocallyAsync(workspace.Path, toGreen, EdgeWeights.AllTo(EdgeWeights.Blue));
            Assert.Equal(EdgeWeights.AllTo(EdgeWeights.Blue).ByColour, WeightPatch.Read(back));
        }
    }

    [Fact]
    public async Task A_switch_patch_is_refused_whole_when_the_route_s_backends_changed_since_it_was_read()
    {
        var published = JsonNode.Parse(KubernetesJson.Serialize(Production.All<HttpRoute>().First()))!;
        var patch = WeightPatch.For(published, EdgeWeights.AllTo(EdgeWeights.Green));
        var moved = published.DeepClone();
        moved["spec"]!["rules"]![0]!["backendRefs"]![0]!["name"] = "gateway-green";
        moved["spec"]!["rules"]![0]!["backendRefs"]![1]!["name"] = "gateway-blue";
        using var workspace = new TemporaryDirectory();
        var file = Path.Combine(workspace.Path, "route.json");
        await File.WriteAllTextAsync(file, moved.ToJsonString());

        var (exitCode, output) = await Shell.RunAsync("kubectl", ["patch", "--local", "-f", file, "--type", "json", "-p", patch.ToJsonString(), "-o", "json"]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("test", output, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_release_of_one_colour_selects_its_workloads_and_autoscalers_and_never_the_edge_routes()
    {
        // deploy/blue-green.sh release <colour> applies "platform/colour=<colour>", then the shared objects without the routes.
        foreach (var colour in EdgeWeights.Colours)
        {
            var selected = Production.Objects.OfType<IMetadata<V1ObjectMeta>>()
                .Where(item => item.Metadata.Labels?.TryGetValue(WorkloadLabels.Colour, out var value) == true && value == colour)
                .ToList();
            var named = Production.Objects.OfType<IMetadata<V1ObjectMeta>>()
                .Where(item => Production.ColourOf(item.Metadata.Name) == colour || item.Metadata.Name.EndsWith($"-{colour}-pods", StringComparison.Ordinal) || item.Metadata.Name.EndsWith($"-{colour}-settings", StringComparison.Ordinal))
                .Where(item => item is not V1NetworkPolicy)
                .ToList();

            Assert.Equal(named.Select(Describe).Order(), selected.Select(Describe).Order());
            Assert.Equal(
                ["ConfigMap", "Deployment", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ScaledObject", "Service", "ServiceAccount", "VerticalPodAutoscaler"],
                selected.Select(item => ((IKubernetesObject)item).Kind).Distinct().Order());
        }

        Assert.All(Production.All<HttpRoute>(), route => Assert.False(route.Metadata.Labels.ContainsKey(WorkloadLabels.Colour)));
    }

    [Theory]
    [InlineData("", "usage")]
    [InlineData("deploy", "usage")]
    [InlineData("release purple", "unknown colour 'purple'")]
    public async Task The_script_refuses_a_command_it_does_not_know_before_it_touches_the_cluster(string arguments, string message)
    {
        var script = Path.Combine(Repository.Root, "deploy", "blue-green.sh");

        // kubectl is pointed at a program that fails, so reaching the cluster would show as another error.
        var (exitCode, output) = await Shell.RunAsync("env", ["KUBECTL=false", "bash", script, .. arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.Equal(2, exitCode);
        Assert.Contains(message, output, StringComparison.OrdinalIgnoreCase);
    }

    private static string Describe(IMetadata<V1ObjectMeta> item) => $"{((IKubernetesObject)item).Kind}/{item.Metadata.Name}";

    private static async Task<JsonNode> PatchLocallyAsync(string directory, JsonNode route, EdgeWeights weights)
    {
        var file = Path.Combine(directory, "route.json");
        await File.WriteAllTextAsync(file, route.ToJsonString());
        var (exitCode, output) = await Shell.RunAsync("kubectl", ["patch", "--local", "-f", file, "--type", "json", "-p", WeightPatch.For(route, weights).ToJsonString(), "-o", "json"]);
        Assert.True(exitCode == 0, output);
        return JsonNode.Parse(output)!;
    }
}
