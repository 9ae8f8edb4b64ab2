using System.Globalization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Platform.Recovery.Tests.Support;

namespace Platform.Recovery.Tests;

/// <summary>
/// Drill 4, preview environments: two branches rendered side by side by <c>deploy/preview/preview.sh</c> from the
/// committed manifests share no name, and the removal command's selector matches every object a preview renders and
/// nothing of the other. Applying needs a cluster; the commands are checked as printed by <c>--dry-run</c>.
/// </summary>
public sealed partial class PreviewDrillTests(DrillReport report) : IClassFixture<DrillReport>, IDisposable
{
    private const int TimeoutMilliseconds = 3 * 60 * 1000;
    private const string Script = "deploy/preview/preview.sh";
    private const string Domain = "preview.example.com";

    /// <summary>Two branches that sanitise to the same text: only the hash of the exact name keeps them apart.</summary>
    private static readonly string[] Branches = ["feature/login-page", "Feature/Login_Page"];

    private readonly PublishedManifests manifests = new();

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task Two_previews_share_no_name_and_each_removal_selector_matches_exactly_its_own_objects()
    {
        var previews = new List<Preview>();
        foreach (var branch in Branches)
        {
            previews.Add(await RenderAsync(branch));
        }

        var (first, second) = (previews[0], previews[1]);
        Assert.NotEqual(first.Name, second.Name);

        // No object of one is an object of the other, and every namespaced object sits in its preview's namespace.
        Assert.Empty(first.Identities.Intersect(second.Identities));
        foreach (var preview in previews)
        {
            var namespaces = preview.Objects.OfType<V1Namespace>().Select(item => item.Metadata.Name).ToList();
            Assert.Equal([preview.Name], namespaces);
            Assert.All(preview.Objects.Where(item => item is not V1Namespace), item => Assert.Equal(preview.Name, item.Metadata.NamespaceProperty));
            Assert.Equal([$"{preview.Name}.{Domain}"], HostPattern().Matches(preview.Yaml).Select(match => match.Value).Distinct());
        }

        // The removal command deletes by label; its selector matches every object of its preview and none of the other.
        foreach (var (preview, other) in new[] { (first, second), (second, first) })
        {
            var down = await Support.Script.RunAsync(Script, ["down", preview.Branch, "--dry-run"]);
            var selector = SelectorPattern().Match(down.Output);
            Assert.True(selector.Success, down.Output);
            Assert.StartsWith("kubectl delete namespace -l ", down.Output.Trim(), StringComparison.Ordinal);
            Assert.All(preview.Objects, item => Assert.True(Matches(item, selector), $"{item.Kind}/{item.Metadata.Name} lacks {selector.Value}"));
            Assert.DoesNotContain(other.Objects, item => Matches(item, selector));
        }

        report.Print(string.Create(CultureInfo.InvariantCulture,
            $"preview drill: {first.Name} and {second.Name}, {first.Objects.Count} and {second.Objects.Count} objects, " +
            $"{first.Identities.Intersect(second.Identities).Count()} shared names; removal selectors match {first.Objects.Count}/{first.Objects.Count} and {second.Objects.Count}/{second.Objects.Count}"));
    }

    [Fact(Timeout = TimeoutMilliseconds)]
    public async Task A_preview_is_dev_sized_labelled_with_its_expiry_and_applied_by_one_command()
    {
        var preview = await RenderAsync(Branches[0], "--ttl-days", "3", "--image-tag", "pr-1234");
        var dev = PublishedManifests.Parse(await KustomizeAsync(Path.Combine(manifests.Kubernetes, "overlays", "dev")));

        // The dev overlay's sizes and replica bounds; the branch's images; no monitoring stack unless asked for.
        foreach (var deployment in preview.Objects.OfType<V1Deployment>())
        {
            var devDeployment = dev.OfType<V1Deployment>().Single(item => item.Metadata.Name == deployment.Metadata.Name);
            Assert.Equal(
                KubernetesYaml.Serialize(devDeployment.Spec.Template.Spec.Containers.Single().Resources),
                KubernetesYaml.Serialize(deployment.Spec.Template.Spec.Containers.Single().Resources));
            Assert.EndsWith(":pr-1234", deployment.Spec.Template.Spec.Containers.Single().Image, StringComparison.Ordinal);
        }

        Assert.Equal(
            dev.OfType<V2HorizontalPodAutoscaler>().Select(hpa => (hpa.Metadata.Name, hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas)),
            preview.Objects.OfType<V2HorizontalPodAutoscaler>().Select(hpa => (hpa.Metadata.Name, hpa.Spec.MinReplicas, hpa.Spec.MaxReplicas)));
        Assert.DoesNotContain(preview.Objects, IsMonitoring);
        Assert.Contains(dev, IsMonitoring);

        var expires = DateTime.UtcNow.Date.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Assert.All(preview.Objects, item => Assert.Equal(expires, item.Metadata.Labels["platform/preview-expires"]));
        Assert.Equal(Branches[0], preview.Objects.OfType<V1Namespace>().Single().Metadata.Annotations["platform/preview-branch"]);

        var up = await Support.Script.RunAsync(Script, ["up", Branches[0], "--manifests", manifests.Kubernetes, "--output", Path.Combine(manifests.Root, "previews"), "--dry-run"]);
        Assert.Equal(
            [$"kubectl apply --server-side -f {preview.RenderedPath}", $"kubectl -n {preview.Name} rollout status deployment/gateway --timeout=10m"],
            up.Output.Trim().Split('\n'));
    }

    [Fact]
    public async Task Preview_names_are_valid_namespaces_and_differ_for_branches_that_sanitise_alike()
    {
        string[] branches = ["feature/login-page", "Feature/Login_Page", "release/2026.11", new string('x', 200), "---", "dependabot/npm_and_yarn/@scope/pkg-1.2.3"];
        var names = new List<string>();
        foreach (var branch in branches)
        {
            names.Add((await Support.Script.RunAsync(Script, ["name", branch])).Output.Trim());
        }

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, name => Assert.Matches("^preview-[a-z0-9]([-a-z0-9]*[a-z0-9])?$", name));
        Assert.All(names, name => Assert.InRange(name.Length, 1, 63));
        Assert.NotEqual(0, (await Support.Script.TryRunAsync(Script, ["name", ""])).ExitCode);
    }

    private async Task<Preview> RenderAsync(string branch, params string[] options)
    {
        var rendered = await Support.Script.RunAsync(Script,
            ["render", branch, "--manifests", manifests.Kubernetes, "--output", Path.Combine(manifests.Root, "previews"), .. options]);
        var path = rendered.Output.Trim();
        var yaml = await File.ReadAllTextAsync(path);
        var name = (await Support.Script.RunAsync(Script, ["name", branch])).Output.Trim();
        return new Preview(branch, name, path, yaml, PublishedManifests.Parse(yaml));
    }

    private static async Task<string> KustomizeAsync(string overlay)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("kubectl", ["kustomize", overlay])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var yaml = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await error);
        return await yaml;
    }

    private static bool IsMonitoring(IKubernetesObject<V1ObjectMeta> item) =>
        item.Metadata.Labels?.TryGetValue("app.kubernetes.io/part-of", out var partOf) == true && partOf == "platform-monitoring";

    private static bool Matches(IKubernetesObject<V1ObjectMeta> item, Match selector) =>
        item.Metadata.Labels?.TryGetValue(selector.Groups["key"].Value, out var value) == true && value == selector.Groups["value"].Value;

    [GeneratedRegex(@"-l (?<key>[a-z0-9./-]+)=(?<value>[a-z0-9-]+)")]
    private static partial Regex SelectorPattern();

    [GeneratedRegex(@"[a-z0-9.-]+\.preview\.example\.com")]
    private static partial Regex HostPattern();

    public void Dispose() => manifests.Dispose();

    private sealed record Preview(string Branch, string Name, string RenderedPath, string Yaml, IReadOnlyList<IKubernetesObject<V1ObjectMeta>> Objects)
    {
        public ISet<string> Identities => Objects.Select(item => $"{item.Kind}/{item.Metadata.NamespaceProperty}/{item.Metadata.Name}").ToHashSet();
    }
}
