using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Platform.Gateway.Tests.Support;

namespace Platform.Gateway.Tests;

/// <summary>
/// Every way of opening a stream counts against the concurrent-stream limit, on every route: with one stream open
/// and a limit of one, each of these is refused with 429, while requests that do not stream still pass.
/// </summary>
public sealed class StreamCountingTests : GatewayTestBase
{
    public static TheoryData<string> Bypasses => new()
    {
        "text/plain chat body with stream true",
        "chat body without a content type",
        "POST run with stream true",
        "GET run events without an Accept header",
        "GET with stream=true in the query",
        "stream true hidden after 100 KiB of padding",
        "stream repeated, false then true",
        "stream spelled in capitals",
        "stream spelled with an escape",
    };

    [Theory]
    [MemberData(nameof(Bypasses))]
    public async Task A_second_stream_opened_any_way_gets_429_while_one_is_open(string bypass)
    {
        var client = TestClient.Unique();
        var gateway = StartGateway(Limited(client));
        using var open = await Sse.StartAsync(gateway, client);
        await open.ReadEventAsync();

        using var response = await gateway.Client.SendAsync(Attempt(client, bypass), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("concurrent streams", (await AuthenticationTests.ErrorOf(response)).GetProperty("message").GetString());
        Models.Gate.TrySetResult();
    }

    [Fact]
    public async Task Requests_that_do_not_stream_pass_while_a_stream_is_open()
    {
        var client = TestClient.Unique();
        var gateway = StartGateway(Limited(client));
        using var open = await Sse.StartAsync(gateway, client);
        await open.ReadEventAsync();

        var passing = new[]
        {
            client.Request(HttpMethod.Post, "/v1/threads/t1/runs", Json("""{"agent_id":"a","input":"hi","stream":false}""")),
            client.Request(HttpMethod.Post, "/v1/agents", Json("""{"name":"n","tools":[{"stream":true}]}""")),
            client.Request(HttpMethod.Get, "/v1/runs/run_1?stream=false"),
            client.Request(HttpMethod.Post, "/v1/knowledge/c1/documents", new MultipartFormDataContent { { new StringContent("true"), "stream" } }),
            client.Request(HttpMethod.Get, "/v1/models"),
        };

        foreach (var request in passing)
        {
            using var response = await gateway.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{request.Method} {request.RequestUri}: {(int)response.StatusCode}");
        }

        Models.Gate.TrySetResult();
    }

    [Fact]
    public async Task A_body_inspected_for_its_stream_flag_reaches_the_backend_intact()
    {
        var client = TestClient.Unique();
        var gateway = StartGateway(Settings().WithClients(client));
        var body = $$"""{"padding":"{{new string('p', 300_000)}}","stream":false,"tail":"{{new string('t', 10)}}"}""";

        using var response = await gateway.Client.SendAsync(client.Request(HttpMethod.Post, "/v1/embeddings", Json(body)));

        var echo = await EchoReply.ReadAsync(response);
        Assert.Equal(Encoding.UTF8.GetByteCount(body), echo.BodyBytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(body))), echo.BodySha256);
    }

    // A Redis answer slower than RedisTimeout (a loaded machine) would hand the decision to the per-replica limiter,
    // which does not know the stream opened through Redis; a long timeout keeps every decision in Redis.
    private GatewaySettings Limited(TestClient client) =>
        Settings().WithClients(client).With("RateLimits:ConcurrentStreams", 1).With("RateLimits:RedisTimeout", "00:00:10");

    private static HttpRequestMessage Attempt(TestClient client, string bypass) => bypass switch
    {
        "text/plain chat body with stream true" => client.Request(HttpMethod.Post, "/v1/chat/completions",
            new StringContent("""{"model":"m","stream":true,"messages":[]}""", Encoding.UTF8, "text/plain")),
        "chat body without a content type" => client.Request(HttpMethod.Post, "/v1/chat/completions",
            new ByteArrayContent(Encoding.UTF8.GetBytes("""{"model":"m","stream":true}"""))),
        "POST run with stream true" => client.Request(HttpMethod.Post, "/v1/threads/t1/runs", Json("""{"agent_id":"a","input":"hi","stream":true}""")),
        "GET run events without an Accept header" => client.Request(HttpMethod.Get, "/v1/runs/run_1/events"),
        "GET with stream=true in the query" => client.Request(HttpMethod.Get, "/v1/runs/run_1?stream=true"),
        "stream true hidden after 100 KiB of padding" => client.Request(HttpMethod.Post, "/v1/chat/completions",
            Json($$"""{"padding":"{{new string('x', 100 * 1024)}}","stream":true}""")),
        "stream repeated, false then true" => client.Request(HttpMethod.Post, "/v1/chat/completions", Json("""{"stream":false,"model":"m","stream":true}""")),
        "stream spelled in capitals" => client.Request(HttpMethod.Post, "/v1/chat/completions", Json("""{"Stream":true}""")),
        "stream spelled with an escape" => client.Request(HttpMethod.Post, "/v1/chat/completions", Json("""{"str\u0065am":true}""")),
        _ => throw new ArgumentOutOfRangeException(nameof(bypass), bypass, null),
    };

    private static StringContent Json(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
}
