using Platform.Containers.Tests.Support;

namespace Platform.Containers.Tests;

/// <summary>What push-images and the deploy chain leave behind: unique tags, a release pinned by digest, SBOMs, the kubectl command.</summary>
[Collection(ReleasedPlatformCollection.Name)]
public sealed class ReleaseTests(ReleasedPlatform platform)
{
    [Fact]
    public void The_rendered_release_runs_every_project_image_by_the_digest_that_was_pushed()
    {
        var pinned = platform.Images.Where(image => image["name"]!.GetValue<string>() is "gateway" or "models" or "agents")
            .Select(ReleasedPlatform.Pinned).Order(StringComparer.Ordinal);

        Assert.Equal(pinned, platform.Rendered.ProjectImages.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Service_images_share_one_tag_made_of_version_and_commit()
    {
        var tags = platform.Images.Where(image => image["name"]!.GetValue<string>() is "gateway" or "models" or "agents")
            .Select(image => image["tag"]!.GetValue<string>()).Distinct().ToList();

        var tag = Assert.Single(tags);
        Assert.Matches(@"^0\.1\.0-[0-9a-f]{12}(-dirty)?\.\d{8}T\d{6}Z$", tag);
    }

    [Fact]
    public void Deploy_would_apply_the_pinned_release_with_kubectl()
    {
        var command = File.ReadAllText(Path.Combine(platform.Release, ReleasedPlatform.Environment, "apply-command.txt")).Trim();

        Assert.Equal($"kubectl apply --server-side -k {Path.Combine(platform.Release, ReleasedPlatform.Environment)}", command);
    }

    [Fact]
    public async Task Push_to_an_unreachable_registry_fails_the_command_naming_the_registry()
    {
        var registry = $"127.0.0.1:{Platform.TestSupport.FreePort.Next()}/platform";

        // Built by the fixture's run of the same AppHost, so no second build races it.
        var result = await Tool.TryAsync("dotnet",
            ["run", "--no-build", "--project", Path.Combine(Repository.Root, "AppHost"), "--", "--operation", "publish", "--step", "push-images"],
            new Dictionary<string, string?> { ["Parameters__registry"] = registry }, TimeSpan.FromMinutes(3));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"The registry {registry} is unreachable", result.Output + result.Error);
    }

    [Fact]
    public void Each_base_image_has_an_sbom_listing_its_debian_packages()
    {
        foreach (var name in new[] { "runtime-deps", "redis" })
        {
            var sbom = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(platform.Release, "sbom", $"{name}.cdx.json")))!;
            var locked = File.ReadLines(Path.Combine(Repository.Images, name, "packages.lock")).Count(line => !line.StartsWith('#'));

            Assert.Equal("CycloneDX", sbom["bomFormat"]!.GetValue<string>());
            Assert.Equal(locked, sbom["components"]!.AsArray().Count);
        }
    }
}
