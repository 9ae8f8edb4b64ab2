using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Platform.Containers.Tests.Support;

namespace Platform.Containers.Tests;

/// <summary>deploy/images/build-image.sh: the same lock gives the same files, and the image holds what the manifests need and nothing to exec into.</summary>
public sealed class BaseImageTests : IDisposable
{
    /// <summary>The one place the uid is defined: the publisher's <c>Kubernetes:RunAsUser</c>.</summary>
    private static readonly long RunAsUser = Platform.Hosting.Kubernetes.KubernetesPublisherOptions.CreateDefault().RunAsUser;
    private readonly string _scratch = Directory.CreateTempSubdirectory("platform-base-").FullName;

    private async Task<string> BuildAsync(string name, string output)
    {
        var layout = Path.Combine(_scratch, output);
        await Tool.RunAsync(Path.Combine(Repository.Images, "build-image.sh"), [name, "--uid", RunAsUser.ToString(System.Globalization.CultureInfo.InvariantCulture), "--output", layout, "--tag", "test"], timeout: TimeSpan.FromMinutes(5));
        return layout;
    }

    [Fact]
    public async Task Two_builds_of_the_runtime_deps_lock_hold_the_same_files_with_the_same_contents()
    {
        var first = Files(await BuildAsync("runtime-deps", "first"));
        var second = Files(await BuildAsync("runtime-deps", "second"));

        Assert.True(first.Count > 100);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Runtime_deps_has_the_app_user_and_the_libraries_but_no_shell_or_package_manager()
    {
        var layout = await BuildAsync("runtime-deps", "check");
        var files = Files(layout);
        var passwd = System.Text.Encoding.UTF8.GetString(Content(layout, "./etc/passwd"));
        var config = Config(layout);

        Assert.Contains($"app:x:{RunAsUser}:{RunAsUser}:", passwd);
        Assert.Equal($"{RunAsUser}:{RunAsUser}", config["config"]!["User"]!.GetValue<string>());
        foreach (var library in new[] { "libc.so.6", "libstdc++.so.6", "libgcc_s.so.1", "libicuuc.so.72", "libssl.so.3", "libz.so.1" })
        {
            Assert.Contains(files.Keys, path => path.EndsWith("/" + library, StringComparison.Ordinal));
        }

        Assert.Contains("./etc/ssl/certs/ca-certificates.crt", files.Keys);
        Assert.Contains("./usr/share/zoneinfo/Europe/Berlin", files.Keys);
        foreach (var forbidden in new[] { "/bin/sh", "/bin/bash", "/bin/dash", "/bin/apt", "/bin/apt-get", "/bin/dpkg" })
        {
            Assert.DoesNotContain(files.Keys, path => path.EndsWith(forbidden, StringComparison.Ordinal));
        }

        foreach (var label in new[] { "source", "revision", "version", "created" })
        {
            Assert.True(config["config"]!["Labels"]![$"org.opencontainers.image.{label}"] is not null, label);
        }
    }

    /// <summary>Every entry of the image's one layer: path to type, mode, owner and SHA-256 of the content.</summary>
    private static SortedDictionary<string, string> Files(string layout)
    {
        var entries = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var reader = new TarReader(new GZipStream(File.OpenRead(Layer(layout)), CompressionMode.Decompress));
        while (reader.GetNextEntry() is { } entry)
        {
            var hash = entry.DataStream is null ? entry.LinkName : Convert.ToHexStringLower(SHA256.HashData(entry.DataStream));
            entries[entry.Name] = $"{entry.EntryType} {entry.Mode} {entry.Uid}:{entry.Gid} {entry.ModificationTime:O} {hash}";
        }

        return entries;
    }

    private static byte[] Content(string layout, string path)
    {
        using var reader = new TarReader(new GZipStream(File.OpenRead(Layer(layout)), CompressionMode.Decompress));
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.Name == path && entry.DataStream is { } data)
            {
                using var copy = new MemoryStream();
                data.CopyTo(copy);
                return copy.ToArray();
            }
        }

        throw new FileNotFoundException(path);
    }

    private static JsonNode Manifest(string layout)
    {
        var index = JsonNode.Parse(File.ReadAllText(Path.Combine(layout, "index.json")))!;
        return JsonNode.Parse(File.ReadAllText(Blob(layout, index["manifests"]![0]!["digest"]!.GetValue<string>())))!;
    }

    private static JsonNode Config(string layout) =>
        JsonNode.Parse(File.ReadAllText(Blob(layout, Manifest(layout)["config"]!["digest"]!.GetValue<string>())))!;

    private static string Layer(string layout) => Blob(layout, Manifest(layout)["layers"]![0]!["digest"]!.GetValue<string>());

    private static string Blob(string layout, string digest) => Path.Combine(layout, "blobs", "sha256", digest["sha256:".Length..]);

    public void Dispose() => Directory.Delete(_scratch, recursive: true);
}
