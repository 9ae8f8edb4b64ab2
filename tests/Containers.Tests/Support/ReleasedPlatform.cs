using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using System.Security.Cryptography;
using System.Text;
using Platform.TestSupport;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Platform.Containers.Tests.Support;

/// <summary>
/// Everything built once per test run and shared: a loopback registry; the AppHost's <c>deploy-kubernetes</c> step
/// in dry-run mode, which runs <c>push-images</c> (base and service images built, pushed and signed with a key made
/// here) and <c>publish</c>, and renders the staging release pinned by digest; then redis, models, agents and
/// gateway as containers on a podman network, each set up from that rendering. Every container, the network, the
/// pulled images and the registry go away on dispose, also after a failure.
/// </summary>
public sealed class ReleasedPlatform(IMessageSink diagnostics) : IAsyncLifetime
{
    public const string Environment = "staging";
    public const string ApiKey = "pk-container-test-key";

    private readonly string _workspace = Directory.CreateTempSubdirectory("platform-containers-").FullName;
    private readonly string _prefix = $"platform-e2e-{Guid.NewGuid().ToString("N")[..6]}";
    private readonly List<string> _containers = [];
    private readonly List<string> _pulled = [];
    private bool _networkCreated;

    public LocalRegistry Registry { get; private set; } = null!;

    public SigningKey Key { get; private set; } = null!;

    public string Release => Path.Combine(_workspace, "release");

    public RenderedRelease Rendered { get; private set; } = null!;

    /// <summary>The step's <c>images.json</c>: name, repository, tag, digest, signed.</summary>
    public IReadOnlyList<JsonNode> Images { get; private set; } = [];

    public ScriptedLlmServer Llm { get; private set; } = null!;

    public OtlpReceiver Telemetry { get; private set; } = null!;

    public Dictionary<string, PodmanContainer> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>Seconds from <c>podman run</c> to a 200 from the readiness path, and image sizes, per service.</summary>
    public Dictionary<string, string> Measurements { get; } = new(StringComparer.Ordinal);

    public TimeSpan PipelineDuration { get; private set; }

    public string Network => _prefix;

    public JsonNode Image(string name) => Images.Single(image => image!["name"]!.GetValue<string>() == name);

    public static string Pinned(JsonNode image) => $"{image["repository"]}@{image["digest"]}";

    public HttpClient Gateway(bool withKey = true)
    {
        var client = new HttpClient { BaseAddress = Containers["gateway"].Address(8080), Timeout = TimeSpan.FromMinutes(2) };
        if (withKey)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", ApiKey);
        }

        return client;
    }

    public async Task InitializeAsync()
    {
        try
        {
            await StartEverythingAsync();
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task StartEverythingAsync()
    {
        Registry = await LocalRegistry.StartAsync(Directory.CreateDirectory(Path.Combine(_workspace, "registry")).FullName);
        Key = await SigningKey.CreateAsync(Directory.CreateDirectory(Path.Combine(_workspace, "signing")).FullName, Registry.Host);

        // The network's subnet is chosen here so that the scripted model's address can go into the llm Secret
        // before the release is rendered; the servers bind to the bridge once the first container brings it up.
        var subnet = await CreateNetworkAsync();
        var bridge = IPAddress.Parse(subnet.Replace(".0/24", ".1", StringComparison.Ordinal));
        var llmPort = FreePort.Next();
        var otlpPort = FreePort.Next();

        var manifests = Path.Combine(_workspace, "kubernetes");
        WriteSecrets(Path.Combine(manifests, "overlays", Environment, "secrets"), $"http://{bridge}:{llmPort}/v1");
        CopyTree(Path.Combine(Repository.Root, "deploy", "monitoring"), Path.Combine(_workspace, "monitoring"));
        FillSecretExamples(Path.Combine(_workspace, "monitoring", "secrets"));

        var clock = Stopwatch.StartNew();
        await RunPipelineAsync(manifests);
        PipelineDuration = clock.Elapsed;
        Rendered = new RenderedRelease(await File.ReadAllTextAsync(Path.Combine(Release, Environment, "rendered.yaml")));
        Images = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Release, "images.json")))!.AsArray().Select(node => node!).ToList();

        var overrides = new Dictionary<string, string>
        {
            // The cluster's collector is not running here; the test's receiver stands in for it.
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://{bridge}:{otlpPort}",
        };
        // The cluster keeps the Redis image its manifests pin; locally Redis runs from the Debian-built image.
        await StartAsync("redis", Pinned(Image("redis")), overrides);
        Llm = await ScriptedLlmServer.StartAsync(bridge, llmPort);
        Telemetry = await OtlpReceiver.StartAsync(bridge, otlpPort);
        foreach (var service in new[] { "models", "agents", "gateway" })
        {
            await StartAsync(service, Rendered.Pod(service).Spec.Containers[0].Image, overrides);
        }

        diagnostics.OnMessage(new DiagnosticMessage($"deploy-kubernetes dry run (push-images, publish, render): {PipelineDuration.TotalSeconds:F0} s"));
        foreach (var (name, value) in Measurements.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            diagnostics.OnMessage(new DiagnosticMessage($"{name}: {value}"));
        }
    }

    private async Task<string> CreateNetworkAsync()
    {
        for (var attempt = 0; ; attempt++)
        {
            var subnet = $"10.89.{Random.Shared.Next(100, 250)}.0/24";
            var result = await Tool.TryAsync("podman", ["network", "create", "--subnet", subnet, _prefix]);
            if (result.ExitCode == 0)
            {
                _networkCreated = true;
                return subnet;
            }

            if (attempt == 5)
            {
                throw new InvalidOperationException($"podman network create failed: {result.Error}");
            }
        }
    }

    private static void WriteSecrets(string directory, string llmEndpoint)
    {
        Directory.CreateDirectory(directory);
        var credentials = new JsonObject
        {
            ["ApiKeys"] = new JsonObject
            {
                ["container-test"] = new JsonObject { ["Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))), ["Scopes"] = new JsonArray("models", "agents") },
            },
        };
        File.WriteAllText(Path.Combine(directory, "gateway-credentials.env"), $"value={credentials.ToJsonString()}\n");
        File.WriteAllText(Path.Combine(directory, "llm.env"), $"value=Endpoint={llmEndpoint};Key=scripted;Model=test-model\n");
        File.WriteAllText(Path.Combine(directory, "redis-password.env"), $"value={Guid.NewGuid():N}\n");
        File.WriteAllText(Path.Combine(directory, "gateway-identity-signing-key.env"), $"value={Guid.NewGuid():N}{Guid.NewGuid():N}\n");
    }

    private async Task RunPipelineAsync(string manifests)
    {
        var environment = new Dictionary<string, string?>
        {
            ["Parameters__registry"] = $"{Registry.Host}/platform",
            ["Kubernetes__Images__SigningKey"] = Key.Fingerprint,
            ["Kubernetes__Images__RegistriesDirectory"] = Key.RegistriesDirectory,
            ["Kubernetes__Images__ReleaseDirectory"] = Release,
            ["Kubernetes__Images__ManifestsDirectory"] = manifests,
            ["Kubernetes__Images__DeployEnvironment"] = Environment,
            ["Kubernetes__Images__DeployDryRun"] = "true",
            ["GNUPGHOME"] = Key.Home,
        };
        // The test host's MSBuild settings must not leak into the builds the step starts.
        foreach (var name in System.Environment.GetEnvironmentVariables().Keys.Cast<string>().Where(name => name.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)))
        {
            environment[name] = null;
        }

        var result = await Tool.TryAsync("dotnet",
            ["run", "--project", Path.Combine(Repository.Root, "AppHost"), "--",
             "--operation", "publish", "--step", "deploy-kubernetes", "--output-path", manifests],
            environment, TimeSpan.FromMinutes(20));
        diagnostics.OnMessage(new DiagnosticMessage($"deploy-kubernetes (dry run) finished with {result.ExitCode}"));
        if (result.ExitCode != 0 || !File.Exists(Path.Combine(Release, Environment, "rendered.yaml")))
        {
            throw new InvalidOperationException($"The deploy-kubernetes step failed ({result.ExitCode}):\n{Tail(result.Output + result.Error)}");
        }
    }

    private async Task StartAsync(string workload, string image, IReadOnlyDictionary<string, string> overrides)
    {
        await Tool.RunAsync("podman", ["pull", "--quiet", "--tls-verify=false", image], timeout: TimeSpan.FromMinutes(3));
        _pulled.Add(image);
        var clock = Stopwatch.StartNew();
        _containers.Add($"{_prefix}-{workload}");
        var container = await PodmanContainer.RunAsync(Rendered, workload, image, _prefix, Network, overrides);
        Containers[workload] = container;
        var spec = Rendered.Pod(workload).Spec.Containers[0];
        if (spec.ReadinessProbe?.HttpGet is not null)
        {
            var ready = await container.WaitUntilReadyAsync(spec, clock);
            Measurements[$"{workload} start to ready"] = $"{ready.TotalSeconds:F1} s";
        }
        else
        {
            await WaitForRedisAsync(container);
        }

        var size = (await Tool.RunAsync("podman", ["image", "inspect", "--format", "{{.Size}}", image])).Trim();
        Measurements[$"{workload} image size"] = $"{long.Parse(size, System.Globalization.CultureInfo.InvariantCulture) / 1_000_000.0:F1} MB";
    }

    /// <summary>The pod's probe runs redis-cli through sh; the image has no shell, so redis-cli is run directly.</summary>
    private static async Task WaitForRedisAsync(PodmanContainer container)
    {
        var up = await Eventually.HoldsAsync(async () =>
            (await Tool.TryAsync("podman", ["exec", container.Name, "redis-cli", "-p", "6379", "ping"])).Output.Contains("PONG", StringComparison.Ordinal),
            TimeSpan.FromMinutes(1), TimeSpan.FromMilliseconds(200));
        if (!up)
        {
            throw new InvalidOperationException($"redis never answered PING:\n{await container.LogsAsync()}");
        }
    }

    /// <summary>The monitoring stack's Secrets (Grafana's admin login) as an operator writes them, with fresh values.</summary>
    private static void FillSecretExamples(string directory)
    {
        foreach (var example in Directory.EnumerateFiles(directory, "*.env.example"))
        {
            var keys = File.ReadLines(example).Where(line => !line.StartsWith('#') && line.EndsWith('='));
            File.WriteAllLines(example[..^".example".Length], keys.Select(key => $"{key}{Guid.NewGuid():N}"));
        }
    }

    /// <summary>Copies a tree without an operator's filled-in secret files; the examples stand in for them.</summary>
    private static void CopyTree(string source, string target)
    {
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Where(file => !(Path.GetFileName(Path.GetDirectoryName(file)) == "secrets" && file.EndsWith(".env", StringComparison.Ordinal))))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }
    }

    /// <summary>The last lines of a log without stack frames, which say nothing the message does not.</summary>
    private static string Tail(string text) => string.Join('\n', text.Split('\n')
        .Where(line => !line.TrimStart().StartsWith("at ", StringComparison.Ordinal) && !line.TrimStart().StartsWith("---", StringComparison.Ordinal))
        .TakeLast(40));

    private bool _disposed;

    public async Task DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        foreach (var container in _containers)
        {
            await Tool.TryAsync("podman", ["rm", "--force", "--time", "5", container]);
        }

        if (_networkCreated)
        {
            await Tool.TryAsync("podman", ["network", "rm", "--force", _prefix]);
        }

        foreach (var image in _pulled)
        {
            await Tool.TryAsync("podman", ["rmi", "--force", image]);
        }

        if (Llm is not null)
        {
            await Llm.DisposeAsync();
        }

        if (Telemetry is not null)
        {
            await Telemetry.DisposeAsync();
        }

        if (Key is not null)
        {
            await Key.DisposeAsync();
        }

        if (Registry is not null)
        {
            await Registry.DisposeAsync();
        }

        Directory.Delete(_workspace, recursive: true);
    }
}

[CollectionDefinition(Name)]
public sealed class ReleasedPlatformCollection : ICollectionFixture<ReleasedPlatform>
{
    public const string Name = "released platform";
}
