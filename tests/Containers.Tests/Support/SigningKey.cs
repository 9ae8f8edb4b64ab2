namespace Platform.Containers.Tests.Support;

/// <summary>
/// A GnuPG key made for this test run in its own home (never committed, gone after the run), the
/// containers-registries.d file that stores signatures for the local registry in a lookaside directory, and
/// policies that require the key's signature.
/// </summary>
public sealed class SigningKey : IAsyncDisposable
{
    private SigningKey(string directory, string fingerprint, string registryHost)
    {
        Directory_ = directory;
        Fingerprint = fingerprint;
        RegistryHost = registryHost;
    }

    private string Directory_ { get; }

    public string Fingerprint { get; }

    public string RegistryHost { get; }

    public string Home => Path.Combine(Directory_, "gnupg");

    public string PublicKey => Path.Combine(Directory_, "signing-key.gpg");

    public string Lookaside => Path.Combine(Directory_, "sigstore");

    public string RegistriesDirectory => Path.Combine(Directory_, "registries.d");

    public IDictionary<string, string?> Environment => new Dictionary<string, string?> { ["GNUPGHOME"] = Home };

    public static async Task<SigningKey> CreateAsync(string directory, string registryHost)
    {
        var home = Path.Combine(directory, "gnupg");
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Image signing is tested on Linux with GnuPG.");
        }

        // GnuPG refuses a home others can read.
        Directory.CreateDirectory(home, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var env = new Dictionary<string, string?> { ["GNUPGHOME"] = home };
        await Tool.RunAsync("gpg", ["--batch", "--passphrase", "", "--quick-gen-key", "Platform image signing (test) <images@platform.test>", "ed25519", "sign", "1d"], env);
        var listing = await Tool.RunAsync("gpg", ["--batch", "--with-colons", "--list-secret-keys"], env);
        var fingerprint = listing.Split('\n').First(line => line.StartsWith("fpr:", StringComparison.Ordinal)).Split(':')[9];
        var key = new SigningKey(directory, fingerprint, registryHost);
        await Tool.RunAsync("gpg", ["--batch", "--yes", "--output", key.PublicKey, "--export", fingerprint], env);
        key.WriteRegistriesDirectory(key.RegistriesDirectory, key.Lookaside);
        return key;
    }

    /// <summary>Signatures of images in the local registry are written to and read from <paramref name="lookaside"/>.</summary>
    public void WriteRegistriesDirectory(string directory, string lookaside)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "platform-test.yaml"), $"""
            docker:
              {RegistryHost}:
                lookaside: file://{lookaside}
                lookaside-staging: file://{lookaside}
            """);
    }

    /// <summary>A containers policy.json that accepts images of the local registry only with this key's signature.</summary>
    public string WritePolicy(string path)
    {
        File.WriteAllText(path, $$"""
            {
              "default": [{ "type": "reject" }],
              "transports": {
                "docker": {
                  "{{RegistryHost}}": [{ "type": "signedBy", "keyType": "GPGKeys", "keyPath": "{{PublicKey}}" }]
                },
                "dir": { "": [{ "type": "insecureAcceptAnything" }] }
              }
            }
            """);
        return path;
    }

    public async ValueTask DisposeAsync() =>
        await Tool.TryAsync("gpgconf", ["--kill", "gpg-agent"], Environment);
}
