using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.ServiceDiscovery;

namespace Platform.Gateway.Routing.Replicas;

/// <summary>
/// Runs after service discovery: each destination whose address names a host becomes one destination per address
/// of that host (<c>models[10.1.2.3]</c>), keeping the original name as the <c>Host</c> header. Destination names
/// are stable per address, so a replica keeps its health state across refreshes; the set is resolved again every
/// <see cref="PerReplicaDestinationOptions.RefreshPeriod"/>. If a name resolves to nothing (DNS down), the
/// destination stays as configured rather than leaving the cluster empty.
/// </summary>
public sealed partial class PerReplicaDestinationResolver(
    IDestinationResolver inner,
    IHostAddressLookup lookup,
    IOptions<PerReplicaDestinationOptions> options,
    ILogger<PerReplicaDestinationResolver> logger) : IDestinationResolver
{
    public async ValueTask<ResolvedDestinationCollection> ResolveDestinationsAsync(
        IReadOnlyDictionary<string, DestinationConfig> destinations, CancellationToken cancellationToken)
    {
        var discovered = await inner.ResolveDestinationsAsync(destinations, cancellationToken);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return discovered;
        }

        var expanded = new Dictionary<string, DestinationConfig>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, destination) in discovered.Destinations)
        {
            foreach (var (replicaName, replica) in await ExpandAsync(name, destination, settings, cancellationToken))
            {
                expanded[replicaName] = replica;
            }
        }

        var refresh = new CancellationChangeToken(new CancellationTokenSource(settings.RefreshPeriod).Token);
        IChangeToken changeToken = discovered.ChangeToken is { } upstream ? new CompositeChangeToken([upstream, refresh]) : refresh;
        return new ResolvedDestinationCollection(expanded, changeToken);
    }

    private async Task<IEnumerable<KeyValuePair<string, DestinationConfig>>> ExpandAsync(
        string name, DestinationConfig destination, PerReplicaDestinationOptions settings, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(destination.Address, UriKind.Absolute, out var address)
            || address.HostNameType is not UriHostNameType.Dns
            || settings.KeepHosts.Contains(address.Host, StringComparer.OrdinalIgnoreCase))
        {
            return [new(name, destination)];
        }

        IReadOnlyList<IPAddress> addresses;
        try
        {
            addresses = await lookup.LookupAsync(address.Host, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogLookupFailed(logger, exception, address.Host);
            addresses = [];
        }

        if (addresses.Count == 0)
        {
            LogNoAddresses(logger, address.Host, name);
            return [new(name, destination)];
        }

        return addresses.Distinct().Order(AddressOrder.Instance).Select(ip => new KeyValuePair<string, DestinationConfig>(
            $"{name}[{ip}]",
            destination with
            {
                Address = new UriBuilder(address) { Host = ip.ToString() }.Uri.ToString(),
                Health = destination.Health is { } health ? new UriBuilder(health) { Host = ip.ToString() }.Uri.ToString() : null,
                Host = destination.Host ?? address.Authority,
            }));
    }

    private sealed class AddressOrder : IComparer<IPAddress>
    {
        public static readonly AddressOrder Instance = new();

        public int Compare(IPAddress? x, IPAddress? y) => string.CompareOrdinal(x?.ToString(), y?.ToString());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resolving {Host} failed; its destination stays as configured")]
    private static partial void LogLookupFailed(ILogger logger, Exception exception, string host);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Host} has no addresses; destination {Destination} stays as configured")]
    private static partial void LogNoAddresses(ILogger logger, string host, string destination);
}
