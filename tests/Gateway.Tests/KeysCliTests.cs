using System.Net;
using System.Text.Json;
using Platform.Gateway.Tests.Support;
using Platform.TestSupport;

namespace Platform.Gateway.Tests;

/// <summary>The <c>platform-keys</c> tool, run as a process against a real gateway and redis-server.</summary>
public sealed class KeysCliTests : GatewayTestBase
{
    [Fact]
    public async Task A_key_created_with_the_cli_works_until_it_is_rotated_and_then_revoked()
    {
        var gateway = StartGateway(Settings().With("RateLimits:RequestsPerMinute", 1000));

        var created = await KeysCli.RunAsync(gateway, TestClient.Admin.Key,
            "create", "--tenant", "cli-tenant", "--scope", "models", "--name", "nightly batch", "--quota", "requests_per_minute=50", "--json");
        Assert.True(created.ExitCode == 0, created.Error);
        var answer = JsonDocument.Parse(created.Output).RootElement;
        var key = answer.GetProperty("key").GetString()!;
        var id = answer.GetProperty("api_key").GetProperty("id").GetString()!;
        using (var use = await gateway.WithKeyAsync(key, "/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, use.StatusCode);
            Assert.Equal("50", use.Headers.GetValues("x-ratelimit-limit").Single());
        }

        var listed = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "list", "--tenant", "cli-tenant");
        Assert.Equal(0, listed.ExitCode);
        Assert.Contains(id, listed.Output);
        Assert.Contains("active", listed.Output);
        Assert.Contains("nightly batch", listed.Output);
        Assert.DoesNotContain(key, listed.Output);
        await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "create", "--tenant", "cli-tenant");
        var paged = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "list", "--tenant", "cli-tenant", "--limit", "1");
        Assert.Contains($"More keys follow: add --after {id}", paged.Output);

        var rotated = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "rotate", id);
        Assert.Equal(0, rotated.ExitCode);
        var newKey = rotated.Output.Trim().Split('\n')[^1].Trim();
        Assert.StartsWith("pk-", newKey);
        using (var old = await gateway.WithKeyAsync(key, "/v1/models"))
        using (var fresh = await gateway.WithKeyAsync(newKey, "/v1/models"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
            Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        }

        var revoked = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "revoke", id);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("revoked", revoked.Output);
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            using var after = await gateway.WithKeyAsync(newKey, "/v1/models");
            return after.StatusCode == HttpStatusCode.Unauthorized;
        }));
    }

    [Fact]
    public async Task Expire_with_the_cli_sets_a_later_expiry_or_ends_the_key_now()
    {
        var gateway = StartGateway();
        var created = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "create", "--tenant", "cli-expiring", "--json");
        var answer = JsonDocument.Parse(created.Output).RootElement;
        var key = answer.GetProperty("key").GetString()!;
        var id = answer.GetProperty("api_key").GetProperty("id").GetString()!;

        var later = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "expire", id, "--in", "30d", "--json");
        using var stillValid = await gateway.WithKeyAsync(key, "/v1/models");
        var now = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "expire", id);
        using var expired = await gateway.WithKeyAsync(key, "/v1/models");
        var shown = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "show", id);

        Assert.Equal(0, later.ExitCode);
        var expiresAt = DateTimeOffset.FromUnixTimeSeconds(JsonDocument.Parse(later.Output).RootElement.GetProperty("expires_at").GetInt64());
        Assert.InRange(expiresAt, DateTimeOffset.UtcNow.AddDays(29), DateTimeOffset.UtcNow.AddDays(31));
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Assert.Equal(0, now.ExitCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", shown.Output);
    }

    [Fact]
    public async Task Quotas_read_and_changed_with_the_cli_are_the_tenants_overrides()
    {
        var gateway = StartGateway();

        var set = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "quotas", "cli-quotas", "--set", "threads=20", "--set", "tokens_per_day=5000");
        var unset = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "quotas", "cli-quotas", "--unset", "threads");
        var read = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "quotas", "cli-quotas", "--json");

        Assert.True(set.ExitCode == 0, set.Error);
        Assert.Contains("threads=20", set.Output);
        Assert.Equal(0, unset.ExitCode);
        var quotas = JsonDocument.Parse(read.Output).RootElement.GetProperty("quotas");
        Assert.Equal(5000, quotas.GetProperty("tokens_per_day").GetInt64());
        Assert.False(quotas.TryGetProperty("threads", out _));
    }

    [Fact]
    public async Task The_cli_says_what_went_wrong_with_an_exit_code_per_kind_of_failure()
    {
        var gateway = StartGateway();

        var noAdminKey = await KeysCli.RunAsync(new Dictionary<string, string?>(), "--gateway", gateway.Address.ToString(), "list");
        var wrongKey = await KeysCli.RunAsync(gateway, "not-a-key", "list");
        var notAdmin = await KeysCli.RunAsync(gateway, TestClient.Full.Key, "list");
        var badTenant = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "create", "--tenant", "a:b");
        var typo = await KeysCli.RunAsync(gateway, TestClient.Admin.Key, "create", "--tenant", "ok", "--scopes", "models");
        var unreachable = await KeysCli.RunAsync(new Dictionary<string, string?> { ["PLATFORM_ADMIN_KEY"] = TestClient.Admin.Key },
            "--gateway", $"http://127.0.0.1:{FreePort.Next()}", "list");

        Assert.Equal(2, noAdminKey.ExitCode);
        Assert.Contains("PLATFORM_ADMIN_KEY", noAdminKey.Error);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("Incorrect API key", wrongKey.Error);
        Assert.Equal(1, notAdmin.ExitCode);
        Assert.Contains("'admin'", notAdmin.Error);
        Assert.Equal(1, badTenant.ExitCode);
        Assert.Contains("field 'tenant'", badTenant.Error);
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("--scopes", typo.Error);
        Assert.Equal(3, unreachable.ExitCode);
        Assert.Contains("cannot reach the gateway", unreachable.Error);
    }
}
