using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace Platform.Gateway.Routing.Replicas;

/// <summary>The addresses a host name has now: one per replica behind a headless Service.</summary>
public interface IHostAddressLookup
{
    Task<IReadOnlyList<IPAddress>> LookupAsync(string host, CancellationToken cancellationToken);
}

/// <summary>The system resolver: search domains and caches of the node, as every other client in the pod sees them.</summary>
public sealed class SystemHostAddressLookup : IHostAddressLookup
{
    public async Task<IReadOnlyList<IPAddress>> LookupAsync(string host, CancellationToken cancellationToken) =>
        await Dns.GetHostAddressesAsync(host, AddressFamily.Unspecified, cancellationToken);
}

/// <summary>Asks one DNS server directly (A, then AAAA records), with no cache in between.</summary>
public sealed class DnsServerHostAddressLookup(IPEndPoint server) : IHostAddressLookup
{
    private readonly LookupClient _client = new(new LookupClientOptions(new NameServer(server))
    {
        UseCache = false,
        Retries = 1,
        Timeout = TimeSpan.FromSeconds(2),
        ThrowDnsErrors = false,
    });

    public async Task<IReadOnlyList<IPAddress>> LookupAsync(string host, CancellationToken cancellationToken)
    {
        var v4 = await _client.QueryAsync(host, QueryType.A, QueryClass.IN, cancellationToken);
        var addresses = v4.Answers.ARecords().Select(record => record.Address).ToList();
        if (addresses.Count == 0)
        {
            var v6 = await _client.QueryAsync(host, QueryType.AAAA, QueryClass.IN, cancellationToken);
            addresses.AddRange(v6.Answers.AaaaRecords().Select(record => record.Address));
        }

        return addresses;
    }
}
