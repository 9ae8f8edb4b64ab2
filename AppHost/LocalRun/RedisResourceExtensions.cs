using Microsoft.Extensions.DependencyInjection;

namespace Platform.AppHost.LocalRun;

/// <summary>
/// Redis for the graph: the <c>AddRedis</c> container when publishing or when a container runtime is
/// healthy; otherwise a local <c>redis-server</c> process on a free loopback port; otherwise a start-up
/// error that says how to get one. Run locally, either one gets <see cref="LocalRedisMemory"/>'s <c>maxmemory</c>
/// and <c>noeviction</c> (published, the Kubernetes publisher sets them from the container's memory limit).
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
        if (ContainerRuntimeProbe.IsHealthy(builder.Configuration))
        {
            // The container runs "sh -c '<redis-server command>'": the limit joins that command.
            return builder.AddRedis(name).WithArgs(context =>
            {
                var command = context.Args.Count - 1;
                context.Args[command] = $"{context.Args[command]} {string.Join(' ', memory)}";
            });
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
            .WithArgs(["--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", .. memory])
            .WithHealthCheck(healthCheckKey);
    }
}
