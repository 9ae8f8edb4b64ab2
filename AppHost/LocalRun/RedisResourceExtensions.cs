using Microsoft.Extensions.DependencyInjection;

namespace Platform.AppHost.LocalRun;

/// <summary>
/// Redis for the graph: the <c>AddRedis</c> container when publishing or when a container runtime is
/// healthy; otherwise a local <c>redis-server</c> process on a free loopback port; otherwise a start-up
/// error that says how to get one. Run locally, either one gets <see cref="LocalRedisMemory"/>'s <c>maxmemory</c>
/// and <c>noeviction</c> (published, the Kubernetes publisher sets them from the container's memory limit).
/// error that says how to get one. In a local run the data persists across restarts unless
/// <c>LocalState:Persist</c> is false (<see cref="LocalState"/>).
/// </summary>
public static class RedisResourceExtensions
{
    public const string ServerCommand = "redis-server";

    public static IResourceBuilder<IResourceWithConnectionString> AddPlatformRedis(this IDistributedApplicationBuilder builder, string name)
    {
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddRedis(name);
        }

        var memory = LocalRedisMemory.Arguments(builder.Configuration);
        var state = LocalState.From(builder.Configuration, builder.AppHostDirectory);
        if (ContainerRuntimeProbe.IsHealthy(builder.Configuration))
        {
            // The container runs "sh -c '<redis-server command>'": the limit joins that command.
            var container = builder.AddRedis(name).WithArgs(context =>
            {
                var command = context.Args.Count - 1;
                context.Args[command] = $"{context.Args[command]} {string.Join(' ', memory)}";
            });
            // A named volume (the container's user owns it, unlike a host directory); snapshots every second and at stop.
            return state.Persist ? container.WithDataVolume($"platform-{name}-data").WithPersistence(TimeSpan.FromSeconds(1), 1) : container;
        }

        var serverPath = ExecutableLookup.Find(ServerCommand) ?? throw new DistributedApplicationException(
            $"The '{name}' resource needs Redis, but no container runtime is healthy and '{ServerCommand}' is not on PATH. " +
            "Start Docker or Podman, or install Redis (Debian/Ubuntu: 'sudo apt-get install redis-server'; macOS: 'brew install redis'), then run again.");

        var port = FreePort.Next();
        var resource = new RedisServerResource(name, serverPath, builder.AppHostDirectory);
        var healthCheckKey = $"{name}-ping";
        builder.Services.AddHealthChecks().AddCheck(healthCheckKey, new RedisPingHealthCheck(port));

        return builder.AddResource(resource)
            .WithEndpoint(RedisServerResource.EndpointName, endpoint =>
            {
                endpoint.UriScheme = "tcp";
                endpoint.Port = port;
                endpoint.TargetPort = port;
                endpoint.IsProxied = false;
            })
            .WithArgs("--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1")
            .WithArgs([.. memory])
            .WithArgs(PersistenceArguments(state, name))
            .WithHealthCheck(healthCheckKey);
    }

    /// <summary>
    /// Append-only file with an RDB preamble, flushed every second, in the resource's directory under the local
    /// state; or nothing on disk at all.
    /// </summary>
    public static string[] PersistenceArguments(LocalState state, string name) => state.Persist
        ? ["--dir", state.DirectoryFor(name), "--appendonly", "yes", "--appendfsync", "everysec", "--save", ""]
        : ["--save", "", "--appendonly", "no"];
}
