using System.Globalization;
using k8s;
using k8s.Models;

namespace Platform.Recovery.Tests.Support;

/// <summary>
/// A real <c>redis-server</c> started with the arguments of the published StatefulSet
/// (<c>deploy/kubernetes/base/redis.yaml</c>: password, append-only file, <c>maxmemory</c> with <c>noeviction</c>), its
/// data directory a scratch folder standing in for the volume, on a free loopback port. <see cref="DestroyAsync"/>
/// kills it and deletes the volume; <see cref="StartAsync"/> starts it again on the same directory, on a port free at
/// that moment (the one it had may have been taken meanwhile by another program on the machine).
/// </summary>
public sealed class ClusterRedis : IAsyncDisposable
{
    public const string Password = "drill-password-not-a-secret";

    private ChildProcess? process;

    public ClusterRedis(string dataDirectory)
    {
        DataDirectory = dataDirectory;
        Directory.CreateDirectory(dataDirectory);
    }

    public int Port { get; private set; }

    public string DataDirectory { get; }

    public string ConnectionString => $"127.0.0.1:{Port},password={Password}";

    /// <summary>The published container's arguments with the password, port and volume of this machine.</summary>
    public IReadOnlyList<string> Arguments()
    {
        var manifest = RepositoryRoot.Combine("deploy", "kubernetes", "base", "redis.yaml");
        var statefulSet = KubernetesYaml.LoadAllFromString(File.ReadAllText(manifest)).OfType<V1StatefulSet>().Single();
        var container = statefulSet.Spec.Template.Spec.Containers.Single();
        var dataPath = container.VolumeMounts.Single(mount => mount.Name == "data").MountPath;
        var arguments = container.Args.ToList();
        arguments[arguments.IndexOf("--port") + 1] = Port.ToString(CultureInfo.InvariantCulture);
        arguments[arguments.IndexOf("--requirepass") + 1] = Password;
        Assert.Equal(dataPath, arguments[arguments.IndexOf("--dir") + 1]);
        arguments[arguments.IndexOf("--dir") + 1] = DataDirectory;
        return [.. arguments, "--bind", "127.0.0.1"];
    }

    public async Task StartAsync()
    {
        Port = FreePort.Next();
        process = ChildProcess.Start("redis-server", Arguments(), Port);
        await process.WaitUntilAsync(async () => (await RedisCli.RunAsync(Port, Password, "ping")).Trim() == "PONG");
    }

    /// <summary>A crash and a lost volume: SIGKILL, then the data directory is deleted.</summary>
    public async Task DestroyAsync()
    {
        if (process is not null)
        {
            using (var kill = System.Diagnostics.Process.Start("kill", ["-KILL", process.ProcessId.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await process.DisposeAsync();
            process = null;
        }

        Directory.Delete(DataDirectory, recursive: true);
        Directory.CreateDirectory(DataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        if (process is not null)
        {
            await process.DisposeAsync();
        }
    }
}
