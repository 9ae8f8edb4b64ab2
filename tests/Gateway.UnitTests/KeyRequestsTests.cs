using System.Text.Json;
using Platform.Gateway.Authentication;
using Platform.Gateway.Keys;
using Platform.ServiceDefaults;

namespace Platform.Gateway.UnitTests;

public sealed class KeyRequestsTests
{
    [Fact]
    public void A_request_without_scopes_gets_the_routed_scopes_and_never_admin()
    {
        var key = KeyRequests.NewKey(Parse("""{"tenant":"billing"}"""));

        Assert.Equal(Scopes.Routed, key.Scopes);
        Assert.DoesNotContain(Scopes.Admin, key.Scopes);
        Assert.Null(key.ExpiresAt);
        Assert.Empty(key.Quotas);
    }

    [Fact]
    public void Every_field_is_read_and_repeated_scopes_count_once()
    {
        var key = KeyRequests.NewKey(Parse(
            """{"tenant":"billing","scopes":["models","models","admin"],"name":"batch","expires_at":1893456000,"quotas":{"threads":10,"requests_per_minute":null}}"""));

        Assert.Equal(["models", "admin"], key.Scopes);
        Assert.Equal("batch", key.Name);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1893456000), key.ExpiresAt);
        Assert.Equal(10, key.Quotas["threads"]);
        Assert.Null(key.Quotas["requests_per_minute"]);
    }

    [Theory]
    [InlineData("""{"tenant":"billing","quotas":{"threads":-1}}""", "quotas.threads")]
    [InlineData("""{"tenant":"billing","quotas":{"concurrent_streams":0}}""", "quotas.concurrent_streams")]
    [InlineData("""{"tenant":"billing","quotas":{"threads":1.5}}""", "quotas.threads")]
    [InlineData("""{"tenant":"billing","name":"line\nbreak"}""", "name")]
    [InlineData("""{"tenant":"billing","expires_at":-5}""", "expires_at")]
    [InlineData("""{"tenant":"billing","scopes":[null]}""", "scopes[0]")]
    public void A_wrong_field_is_named_in_the_error(string body, string param)
    {
        var error = Assert.Throws<InvalidRequestException>(() => KeyRequests.NewKey(Parse(body)));

        Assert.Equal(param, error.Param);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void Key_ids_and_secrets_have_their_documented_shapes()
    {
        var secret = ApiKeySecret.New();

        Assert.Matches("^pk-[0-9a-f]{64}$", secret);
        Assert.True(ApiKeySecret.IsWellFormedId(ApiKeySecret.NewId()));
        Assert.False(ApiKeySecret.IsWellFormedId("key_ABCDEF0123456789"));
        Assert.False(ApiKeySecret.IsWellFormedId("key_0123"));
        Assert.Equal($"pk-...{secret[^4..]}", ApiKeySecret.HintOf(secret));
    }

    [Fact]
    public void A_key_is_revoked_before_it_is_expired_and_expires_at_its_time_exactly()
    {
        var now = DateTimeOffset.UtcNow;
        var key = new ApiKeyRecord("key_0123456789abcdef", "t", ["models"], new string('a', 64), "pk-...aaaa", null, now, ExpiresAt: now.AddMinutes(1));

        Assert.Equal(ApiKeyStatus.Active, key.StatusAt(now.AddSeconds(59)));
        Assert.Equal(ApiKeyStatus.Expired, key.StatusAt(now.AddMinutes(1)));
        Assert.Equal(ApiKeyStatus.Revoked, (key with { RevokedAt = now }).StatusAt(now.AddMinutes(2)));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
