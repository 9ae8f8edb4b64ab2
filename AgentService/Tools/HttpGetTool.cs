using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.AgentService.Tools;

/// <summary>
/// <c>http_get</c> with SSRF defences: every hop goes through the <see cref="EgressGuard"/> (allowlisted host, every
/// resolved address public, connection to the vetted address); redirects are followed by hand, each one checked by
/// <see cref="RedirectRule"/> and vetted again; the body and the whole call stop at the size and time limits.
/// </summary>
public sealed class HttpGetTool(IOptions<HttpGetOptions> options, EgressGuard guard)
{
    private readonly EgressScope _scope = options.Value.Scope();

    public async Task<string> GetAsync(string url, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.Timeout);

        var target = ParseTarget(url);
        for (var hop = 0; ; hop++)
        {
            // Vetted before the handler vets again at connect time, so a refusal is reported as itself rather than
            // wrapped in a connection error.
            await guard.VetAsync(target.IdnHost, _scope, timeout.Token);
            using var client = new HttpClient(guard.CreateHandler(_scope)) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);

            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                if (hop >= settings.MaxRedirects)
                {
                    throw new EgressRefusedException($"more than {settings.MaxRedirects} redirects");
                }

                var next = ParseTarget(new Uri(target, location).ToString());
                if (RedirectRule.Refuse(target, next) is { } reason)
                {
                    throw new EgressRefusedException(reason);
                }

                target = next;
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
            throw new EgressRefusedException($"'{url}' is not an absolute http or https URL");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new EgressRefusedException("URLs with credentials are not allowed");
        }

        return uri;
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
