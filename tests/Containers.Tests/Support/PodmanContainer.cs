using System.Diagnostics;
using System.Globalization;
using Platform.TestSupport;

namespace Platform.Containers.Tests.Support;

/// <summary>
/// One workload of the rendered release as a podman container: its pod's user, read-only root filesystem, dropped
/// capabilities and no-new-privileges, tmpfs where the pod mounts an emptyDir or a volume claim, its environment,
/// reachable on the test network by the name of every Service that selects it, its ports published on loopback.
/// </summary>
public sealed record PodmanContainer(string Workload, string Name, IReadOnlyDictionary<int, int> HostPorts)
{
    public Uri Address(int containerPort) => new($"http://127.0.0.1:{HostPorts[containerPort]}");

    public static async Task<PodmanContainer> RunAsync(
        RenderedRelease release, string workload, string image, string prefix, string network, IReadOnlyDictionary<string, string> overrides)
    {
        var pod = release.Pod(workload).Spec;
        var container = pod.Containers.Single();
        var security = container.SecurityContext;
        var user = security.RunAsUser ?? pod.SecurityContext.RunAsUser;
        var group = security.RunAsGroup ?? pod.SecurityContext.RunAsGroup;
        var name = $"{prefix}-{workload}";
        var arguments = new List<string>
        {
            "run", "--detach", "--name", name, "--network", network, "--tls-verify=false",
            "--user", $"{user}:{group}",
        };
        foreach (var service in release.ServiceNames(workload))
        {
            arguments.AddRange(["--network-alias", service]);
        }

        if (security.ReadOnlyRootFilesystem == true)
        {
            // Only what the pod mounts is writable: podman's own /tmp and /run tmpfs are switched off.
            arguments.AddRange(["--read-only", "--read-only-tmpfs=false"]);
        }

        if (security.Capabilities?.Drop?.Contains("ALL") == true)
        {
            arguments.AddRange(["--cap-drop", "ALL"]);
        }

        if (security.AllowPrivilegeEscalation == false)
        {
            arguments.AddRange(["--security-opt", "no-new-privileges"]);
        }

        foreach (var mount in container.VolumeMounts ?? [])
        {
            var size = pod.Volumes?.SingleOrDefault(volume => volume.Name == mount.Name)?.EmptyDir?.SizeLimit?.ToString();
            arguments.AddRange(["--tmpfs", $"{mount.MountPath}:rw,mode=1777{(size is null ? "" : ",size=" + ToBytes(size))}"]);
        }

        foreach (var port in container.Ports ?? [])
        {
            arguments.AddRange(["--publish", $"127.0.0.1::{port.ContainerPort}"]);
        }

        foreach (var (key, value) in release.Environment(container))
        {
            arguments.AddRange(["--env", $"{key}={overrides.GetValueOrDefault(key, value)}"]);
        }

        if (container.Command is { Count: > 0 } command)
        {
            arguments.AddRange(["--entrypoint", command[0]]);
        }

        arguments.Add(image);
        arguments.AddRange((container.Command ?? []).Skip(1));
        arguments.AddRange(release.Arguments(container));
        await Tool.RunAsync("podman", arguments, timeout: TimeSpan.FromMinutes(3));

        var ports = new Dictionary<int, int>();
        foreach (var port in container.Ports ?? [])
        {
            var mapping = (await Tool.RunAsync("podman", ["port", name, $"{port.ContainerPort}/tcp"])).Trim();
            ports[port.ContainerPort] = int.Parse(mapping[(mapping.LastIndexOf(':') + 1)..], CultureInfo.InvariantCulture);
        }

        return new PodmanContainer(workload, name, ports);
    }

    /// <summary>Waits until the readiness probe's path answers 200 and says how long that took from container start.</summary>
    public async Task<TimeSpan> WaitUntilReadyAsync(V1Container container, Stopwatch sinceStart)
    {
        var probe = container.ReadinessProbe.HttpGet;
        var port = container.Ports.Single(p => p.Name == probe.Port.Value || p.ContainerPort.ToString(CultureInfo.InvariantCulture) == probe.Port.Value).ContainerPort;
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
        var ready = await Eventually.HoldsAsync(async () =>
        {
            try
            {
                return (await client.GetAsync(new Uri(Address(port), probe.Path))).IsSuccessStatusCode;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromMinutes(3), TimeSpan.FromMilliseconds(100));
        var elapsed = sinceStart.Elapsed;
        if (!ready)
        {
            throw new InvalidOperationException($"{Workload} never answered {probe.Path}:\n{await LogsAsync()}");
        }

        return elapsed;
    }

    public async Task<string> LogsAsync() => string.Join('\n', (await Tool.TryAsync("podman", ["logs", "--tail", "60", Name])) is var logs ? [logs.Output, logs.Error] : []);

    private static string ToBytes(string quantity) => new k8s.Models.ResourceQuantity(quantity).ToInt64().ToString(CultureInfo.InvariantCulture);
}
