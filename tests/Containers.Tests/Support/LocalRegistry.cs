using System.Diagnostics;
using Platform.TestSupport;

namespace Platform.Containers.Tests.Support;

/// <summary>Debian's docker-registry (CNCF distribution) on a free loopback port with its own storage; stopped on dispose.</summary>
public sealed class LocalRegistry : IAsyncDisposable
{
    private readonly Process _process;

    private LocalRegistry(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string Host => $"127.0.0.1:{Port}";

    public static async Task<LocalRegistry> StartAsync(string directory)
    {
        var port = FreePort.Next();
        var config = Path.Combine(directory, "registry.yml");
        await File.WriteAllTextAsync(config, $"""
            version: 0.1
            log:
              level: warn
            storage:
              filesystem:
                rootdirectory: {Path.Combine(directory, "data")}
              delete:
                enabled: true
            http:
              addr: 127.0.0.1:{port}
            """);
        var process = Process.Start(new ProcessStartInfo("docker-registry", ["serve", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("docker-registry did not start (Debian package docker-registry)");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var registry = new LocalRegistry(process, port);
        using var client = new HttpClient();
        var up = await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return (await client.GetAsync($"http://{registry.Host}/v2/")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(20));
        if (!up)
        {
            await registry.DisposeAsync();
            throw new InvalidOperationException($"docker-registry did not answer on {registry.Host}");
        }

        return registry;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
