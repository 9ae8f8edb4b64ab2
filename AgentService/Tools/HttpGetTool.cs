using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.AgentService.Tools;

/// <summary>
/// <c>http_get</c> with SSRF defences: the host must be allowlisted; the tool resolves the name itself and refuses
/// unless every address is public (<see cref="IAddressPolicy"/>); it then connects to the address it vetted (so a
/// second, rebound DNS answer cannot redirect the connection), follows redirects by hand re-checking each hop, and
/// stops at the size and time limits.
/// </summary>
public sealed class HttpGetTool(IOptions<HttpGetOptions> options, IHostResolver resolver, IAddressPolicy policy)
{
    public async Task<string> GetAsync(string url, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);

        var target = ParseTarget(url);
        for (var hop = 0; ; hop++)
        {
            var address = await VetAsync(target, timeout.Token);
            using var client = CreateClientFor(address);
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (hop >= settings.MaxRedirects)
                {
                    throw new HttpGetRefusedException($"more than {settings.MaxRedirects} redirects");
                }

                target = ParseTarget(new Uri(target, location).ToString());
                continue;
            }

            var body = await ReadLimitedAsync(response, settings.MaxResponseBytes, timeout.Token);
            return $"status: {(int)response.StatusCode}\ncontent-type: {response.Content.Headers.ContentType}\n\n{body}";
        }
    }

    private static Uri ParseTarget(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new HttpGetRefusedException($"'{url}' is not an absolute http or https URL");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new HttpGetRefusedException("URLs with credentials are not allowed");
        }

        return uri;
    }

    private async Task<IPAddress> VetAsync(Uri target, CancellationToken cancellationToken)
    {
        var host = target.IdnHost.TrimEnd('.');
        if (!IsAllowlisted(host))
        {
            throw new HttpGetRefusedException($"host '{host}' is not on the allowlist");
        }

        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new HttpGetRefusedException($"host '{host}' does not resolve");
        }

        // Every answer must be acceptable: a name with one private address is not trusted with any of them.
        foreach (var address in addresses)
        {
            if (policy.Refuse(address) is { } reason)
            {
                throw new HttpGetRefusedException($"host '{host}' resolves to {address}, which is {reason}");
            }
        }

        return addresses[0];
    }

    private bool IsAllowlisted(string host) =>
        options.Value.AllowedHosts.Any(allowed => allowed.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(allowed[1..], StringComparison.OrdinalIgnoreCase)
            : string.Equals(host, allowed.Trim('[', ']'), StringComparison.OrdinalIgnoreCase));

    private static HttpClient CreateClientFor(IPAddress address)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectCallback = async (context, cancellationToken) =>
            {
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
        return new HttpClient(handler) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
    }

    private static async Task<string> ReadLimitedAsync(HttpResponseMessage response, int maxBytes, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[maxBytes];
        var total = 0;
        int read;
        while (total < maxBytes && (read = await stream.ReadAsync(buffer.AsMemory(total, maxBytes - total), cancellationToken)) > 0)
        {
            total += read;
        }

        var truncated = total == maxBytes && await stream.ReadAsync(new byte[1], cancellationToken) > 0;
        var text = Encoding.UTF8.GetString(buffer, 0, total);
        return truncated ? text + $"\n[truncated at {maxBytes} bytes]" : text;
    }
}

/// <summary>An <c>http_get</c> request the SSRF rules refused; the message says which rule.</summary>
public sealed class HttpGetRefusedException(string reason) : Exception($"Refused: {reason}."), IClientFacingError;
