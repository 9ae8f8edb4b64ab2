using Platform.Containers.Tests.Support;

namespace Platform.Containers.Tests;

/// <summary>
/// A containers policy that requires the release key's signature, enforced by skopeo (containers/image, what podman
/// and CRI-O pull with): signed images pull, an unsigned image or an altered signature is refused.
/// </summary>
[Collection(ReleasedPlatformCollection.Name)]
public sealed class SignatureTests(ReleasedPlatform platform) : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("platform-signatures-").FullName;

    private Task<Tool.Result> PullAsync(string reference, string registriesDirectory) =>
        Tool.TryAsync("skopeo",
            ["copy", "--quiet", "--policy", platform.Key.WritePolicy(Path.Combine(_scratch, "policy.json")), "--registries.d", registriesDirectory,
             "--src-tls-verify=false", $"docker://{reference}", $"dir:{Directory.CreateDirectory(Path.Combine(_scratch, Guid.NewGuid().ToString("N"))).FullName}"]);

    [Fact]
    public async Task Every_pushed_image_is_signed_and_pulls_under_the_policy()
    {
        Assert.All(platform.Images, image => Assert.True(image["signed"]!.GetValue<bool>(), image["name"]!.ToString()));
        foreach (var image in platform.Images)
        {
            var pull = await PullAsync(ReleasedPlatform.Pinned(image), platform.Key.RegistriesDirectory);
            Assert.True(pull.ExitCode == 0, $"{image["name"]}: {pull.Error}");
        }
    }

    [Fact]
    public async Task An_unsigned_image_is_refused()
    {
        var gateway = platform.Image("gateway");
        var unsigned = $"{platform.Registry.Host}/platform/unsigned-gateway:1";
        await Tool.RunAsync("skopeo", ["copy", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false", $"docker://{ReleasedPlatform.Pinned(gateway)}", $"docker://{unsigned}"]);

        var pull = await PullAsync(unsigned, platform.Key.RegistriesDirectory);

        Assert.NotEqual(0, pull.ExitCode);
        Assert.Contains("signature", pull.Error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_image_whose_signature_was_altered_is_refused()
    {
        // A copy of the signature store with one byte of the gateway's signature flipped, so nothing shared changes.
        var lookaside = Path.Combine(_scratch, "sigstore");
        foreach (var file in Directory.EnumerateFiles(platform.Key.Lookaside, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(lookaside, Path.GetRelativePath(platform.Key.Lookaside, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        var gateway = platform.Image("gateway");
        var signature = Directory.EnumerateFiles(lookaside, "signature-1", SearchOption.AllDirectories)
            .Single(path => path.Contains("gateway@" + gateway["digest"]!.GetValue<string>().Replace(':', '='), StringComparison.Ordinal));
        var bytes = await File.ReadAllBytesAsync(signature);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(signature, bytes);
        var registries = Path.Combine(_scratch, "registries.d");
        platform.Key.WriteRegistriesDirectory(registries, lookaside);

        var pull = await PullAsync(ReleasedPlatform.Pinned(gateway), registries);

        Assert.NotEqual(0, pull.ExitCode);
    }

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
