using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Platform.AgentService.Tests.ThroughGateway;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.Quotas;

/// <summary>
/// Client ids may contain <c>:</c> (a JWT subject such as <c>acme:1</c>). Such a client must not be able to take
/// another client's idempotency key: two JWT clients through the gateway, <c>acme</c> attacking <c>acme:1</c>.
/// </summary>
public sealed class IdempotencyKeyTests : IAsyncLifetime
{
    private const string SigningKey = "idempotency-test-signing-key-0123456789";
    private const string Issuer = "https://issuer.test";
    private const string Audience = "platform";

    private RedisServer _redis = null!;
    private ScriptedLlmServer _llm = null!;
    private AgentServiceHost _agents = null!;
    private GatewayHost _gateway = null!;

    public async Task InitializeAsync()
    {
        _redis = await RedisServer.StartAsync();
        _llm = await ScriptedLlmServer.StartAsync();
        _agents = new AgentServiceHost(_redis.ConnectionString, _llm.BaseUrl);
        _gateway = new GatewayHost(_redis.ConnectionString, [], new Dictionary<string, string?>
        {
            ["Authentication:Jwt:SigningKey"] = SigningKey,
            ["Authentication:Jwt:Issuer"] = Issuer,
            ["Authentication:Jwt:Audience"] = Audience,
            ["Authentication:Jwt:ClientIdClaims:0"] = "sub",
        }, _agents);
    }

    public async Task DisposeAsync()
    {
        await _gateway.DisposeAsync();
        await _agents.DisposeAsync();
        await _llm.DisposeAsync();
        await _redis.DisposeAsync();
    }

    [Fact]
    public async Task A_client_id_with_a_colon_cannot_take_another_clients_idempotency_key()
    {
        using var attacker = _gateway.ClientWithBearer(Token("acme"));
        using var victim = _gateway.ClientWithBearer(Token("acme:1"));
        var attackerRun = await StartAsync(attacker, await attacker.CreateThreadAsync(), await attacker.CreateAgentAsync(), "1:k");
        var victimThread = await victim.CreateThreadAsync();
        var victimAgent = await victim.CreateAgentAsync();

        var first = await StartAsync(victim, victimThread, victimAgent, "k");
        var retried = await StartAsync(victim, victimThread, victimAgent, "k");

        Assert.NotEqual(attackerRun, first);
        Assert.Equal(first, retried);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await victim.GetAsync($"/v1/runs/{first}")).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await attacker.GetAsync($"/v1/runs/{first}")).StatusCode);
    }

    private static async Task<string> StartAsync(HttpClient client, string thread, string agent, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/threads/{thread}/runs")
        {
            Content = JsonContent.Create(new { agent_id = agent, input = "A question", background = true }),
        };
        request.Headers.Add("Idempotency-Key", key);
        var response = await client.SendAsync(request);
        var body = await response.JsonAsync();
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["id"]!.GetValue<string>();
    }

    /// <summary>An HS256 JWT for <paramref name="subject"/> with the <c>agents</c> scope, as an identity provider would issue.</summary>
    private static string Token(string subject)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        static string Part(object value) => Base64Url(JsonSerializer.SerializeToUtf8Bytes(value));
        var unsigned = $"{Part(new { alg = "HS256", typ = "JWT" })}.{Part(new { sub = subject, scope = "agents", iss = Issuer, aud = Audience, iat = now, nbf = now, exp = now + 3600 })}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(SigningKey), Encoding.ASCII.GetBytes(unsigned));
        return $"{unsigned}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
