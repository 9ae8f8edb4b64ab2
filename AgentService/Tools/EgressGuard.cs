using System.Net;
using System.Net.Sockets;

namespace Platform.AgentService.Tools;

/// <summary>
/// The SSRF defence every outbound tool shares: the host must be allowlisted; the guard resolves the name itself
/// and refuses unless every address passes the <see cref="IAddressPolicy"/> (or lies in a network the operator
/// allowed); the connection then goes to the address it vetted, so a second, rebound DNS answer cannot redirect it.
/// </summary>
public sealed class EgressGuard(IHostResolver resolver, IAddressPolicy policy)
{
    public async Task<IPAddress> VetAsync(string host, EgressScope scope, CancellationToken cancellationToken)
    {
        host = host.Trim('[', ']').TrimEnd('.');
        if (!scope.AllowsHost(host))
        {
            throw new EgressRefusedException($"host '{host}' is not on the allowlist");
        }

        var addresses = IPAddress.TryParse(host, out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new EgressRefusedException($"host '{host}' does not resolve");
        }

        // Every answer must be acceptable: a name with one private address is not trusted with any of them.
        foreach (var address in addresses)
        {
            if (!scope.AllowsPrivate(address) && policy.Refuse(address) is { } reason)
            {
                throw new EgressRefusedException($"host '{host}' resolves to {address}, which is {reason}");
            }
        }

        return addresses[0];
    }

    /// <summary>
    /// A handler that vets the host of every connection it opens and connects to the vetted address; no proxy, no
    /// cookies, no automatic redirects (a tool follows them itself, or not at all). TLS and <c>Host</c> use the name.
    /// </summary>
    public SocketsHttpHandler CreateHandler(EgressScope scope) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var address = await VetAsync(context.DnsEndPoint.Host, scope, cancellationToken);
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    };
}
