using Platform.Hosting.Kubernetes.Images;

namespace Platform.Containers.Tests;

/// <summary>The AppHost parameter <c>registry</c>: what is accepted, what stops push-images and with which message.</summary>
public sealed class ImageRegistryTests
{
    [Theory]
    [InlineData("127.0.0.1:5000/platform", "127.0.0.1:5000", "platform", true)]
    [InlineData("localhost:5000", "localhost:5000", "", true)]
    [InlineData("123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform/prod", "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "platform/prod", false)]
    [InlineData("[::1]:5000/p", "[::1]:5000", "p", true)]
    public void Registry_is_host_port_and_prefix(string value, string host, string prefix, bool loopback)
    {
        var registry = ImageRegistry.Parse(value);

        Assert.Equal(host, registry.Host);
        Assert.Equal(prefix, registry.Prefix);
        Assert.Equal(loopback, registry.IsLoopback);
        Assert.Equal(prefix.Length == 0 ? $"{host}/gateway" : $"{host}/{prefix}/gateway", registry.Reference("gateway"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Missing_registry_names_the_parameter(string? value)
    {
        var error = Assert.Throws<ImagePushException>(() => ImageRegistry.Parse(value));

        Assert.Contains("Parameters__registry", error.Message);
    }

    [Theory]
    [InlineData("https://registry.example.com")]
    [InlineData("Registry.Example.com/Platform")]
    [InlineData("registry.example.com/platform/")]
    public void Malformed_registry_is_refused_with_the_expected_form(string value)
    {
        var error = Assert.Throws<ImagePushException>(() => ImageRegistry.Parse(value));

        Assert.Contains("host[:port][/prefix]", error.Message);
    }

    [Fact]
    public async Task Unreachable_registry_stops_before_anything_is_built()
    {
        var registry = ImageRegistry.Parse($"127.0.0.1:{Platform.TestSupport.FreePort.Next()}/platform");

        var error = await Assert.ThrowsAsync<ImagePushException>(() => RegistryProbe.EnsureReachableAsync(registry, CancellationToken.None));

        Assert.Contains("unreachable", error.Message);
        Assert.Contains(registry.ToString(), error.Message);
    }

    [Fact]
    public void Every_push_gets_a_new_tag_with_version_and_commit()
    {
        var revision = new SourceRevision("/repo", "0123456789abcdef0123456789abcdef01234567", Dirty: false, Remote: "");
        var first = revision.TagFor("1.2.3", new DateTimeOffset(2026, 11, 29, 23, 0, 0, TimeSpan.Zero));
        var second = revision.TagFor("1.2.3", new DateTimeOffset(2026, 11, 29, 23, 0, 1, TimeSpan.Zero));

        Assert.Equal("1.2.3-0123456789ab.20261129T230000Z", first);
        Assert.NotEqual(first, second);
        Assert.Matches("-dirty\\.", (revision with { Dirty = true }).TagFor("1.2.3", DateTimeOffset.UnixEpoch));
    }
}
