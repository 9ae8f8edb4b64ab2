using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Platform.TestSupport;

/// <summary>
/// A real Prometheus (Debian's <c>prometheus</c> package) on a free loopback port, scraping the given
/// targets every second and evaluating the given rule files, with its data in a temporary folder.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;
    private readonly StringBuilder _output = new();

    private PrometheusServer(Process process, string directory, Uri address)
    {
        _process = process;
        _directory = directory;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <param name="targets">Job name to <c>host:port</c> targets serving <c>/metrics</c>.</param>
    public static async Task<PrometheusServer> StartAsync(IReadOnlyDictionary<string, string[]> targets, IEnumerable<string> ruleFiles)
    {
        var directory = Directory.CreateTempSubdirectory("prometheus-").FullName;
        var config = new StringBuilder();
        config.AppendLine("global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nrule_files:");
        foreach (var ruleFile in ruleFiles)
        {
            config.AppendLine($"  - {Path.GetFullPath(ruleFile)}");
        }

        config.AppendLine("scrape_configs:");
        foreach (var (job, addresses) in targets)
        {
            config.AppendLine($"  - job_name: {job}\n    static_configs:\n      - targets: [{string.Join(", ", addresses.Select(a => $"'{a}'"))}]");
        }

        var configPath = Path.Combine(directory, "prometheus.yml");
        await File.WriteAllTextAsync(configPath, config.ToString());

        var port = FreePort.Next();
        var startInfo = new ProcessStartInfo("prometheus")
        {
            ArgumentList =
            {
                $"--config.file={configPath}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(startInfo) ?? throw new InvalidOperationException("prometheus did not start; install it (apt-get install prometheus).");
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var ready = await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return (await server.Client.GetAsync("/-/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return !process.HasExited && false;
            }
        }, TimeSpan.FromSeconds(30));

        if (!ready)
        {
            throw new InvalidOperationException($"prometheus did not become ready:\n{server.Output}");
        }

        return server;
    }

    /// <summary>Runs an instant query and returns the result vector (empty when nothing matches).</summary>
    public async Task<JsonElement[]> QueryAsync(string promQl)
    {
        using var response = await Client.GetAsync($"/api/v1/query?query={Uri.EscapeDataString(promQl)}");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (body.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"query failed: {promQl}\n{body}");
        }

        var result = body.GetProperty("data").GetProperty("result");
        return result.ValueKind == JsonValueKind.Array ? [.. result.EnumerateArray()] : [result];
    }

    /// <summary>Every metric name Prometheus has stored.</summary>
    public async Task<HashSet<string>> MetricNamesAsync()
    {
        var body = await Client.GetFromJsonAsync<JsonElement>("/api/v1/label/__name__/values");
        return body.GetProperty("data").EnumerateArray().Select(name => name.GetString()!).ToHashSet();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Prometheus may still be releasing its WAL; the folder is temporary anyway.
        }
    }
}
