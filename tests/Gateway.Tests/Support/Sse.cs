using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Platform.Gateway.Tests.Support;

/// <summary>A streamed chat completion read event by event, as an OpenAI client would.</summary>
public sealed class Sse : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private Sse(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body);
    }

    public static HttpRequestMessage Request(TestClient client)
    {
        var content = new StringContent("""{"model":"test","stream":true,"messages":[{"role":"user","content":"hi"}]}""", Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return client.Request(HttpMethod.Post, "/v1/chat/completions", content);
    }

    public static async Task<Sse> StartAsync(GatewayInstance gateway, TestClient client)
    {
        var response = await gateway.Client.SendAsync(Request(client), HttpCompletionOption.ResponseHeadersRead);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"The stream was refused with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return new Sse(response, await response.Content.ReadAsStreamAsync());
    }

    public HttpResponseMessage Response => _response;

    /// <summary>The next <c>data:</c> line; fails the test if none arrives within a generous bound.</summary>
    public async Task<string> ReadEventAsync()
    {
        using var cts = new CancellationTokenSource(Patience);
        while (await _reader.ReadLineAsync(cts.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return line["data: ".Length..];
            }
        }

        throw new EndOfStreamException("The stream ended without another event.");
    }

    public async Task<string> ReadToEndAsync()
    {
        using var cts = new CancellationTokenSource(Patience);
        return await _reader.ReadToEndAsync(cts.Token);
    }

    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }
}
