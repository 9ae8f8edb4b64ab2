using System.Net;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Platform.Gateway.Routing.Replicas;

public static class PerReplicaDestinationExtensions
{
    /// <summary>
    /// Wraps the destination resolver registered so far (service discovery) with <see cref="PerReplicaDestinationResolver"/>.
    /// Call after the resolver it expands is added.
    /// </summary>
    public static IReverseProxyBuilder AddPerReplicaDestinations(this IReverseProxyBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PerReplicaDestinationOptions>()
            .BindConfiguration(PerReplicaDestinationOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => options.NameServer.Length == 0 || IPEndPoint.TryParse(options.NameServer, out _),
                $"{PerReplicaDestinationOptions.Section}:NameServer must be address:port or empty.")
            .ValidateOnStart();
        services.TryAddSingleton<IHostAddressLookup>(provider =>
            provider.GetRequiredService<IOptions<PerReplicaDestinationOptions>>().Value.NameServer is { Length: > 0 } server
                ? new DnsServerHostAddressLookup(IPEndPoint.Parse(server))
                : new SystemHostAddressLookup());

        var discovery = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(IDestinationResolver))
            ?? throw new InvalidOperationException("AddPerReplicaDestinations expands another destination resolver; add that one first.");
        services.Remove(discovery);
        services.AddSingleton<IDestinationResolver>(provider => ActivatorUtilities.CreateInstance<PerReplicaDestinationResolver>(
            provider, Inner(provider, discovery)));
        return builder;
    }

    private static IDestinationResolver Inner(IServiceProvider provider, ServiceDescriptor descriptor) => (IDestinationResolver)(
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(provider)
        ?? ActivatorUtilities.CreateInstance(provider, descriptor.ImplementationType!));
}
