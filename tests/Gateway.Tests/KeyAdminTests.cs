using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Platform.Gateway.Authentication;
using Platform.Gateway.Tests.Support;
using Platform.ServiceDefaults;
using Platform.TestSupport;
using StackExchange.Redis;

namespace Platform.Gateway.Tests;

/// <summary>The key admin API on a real gateway and redis-server: issue, use, rotate, expire, revoke.</summary>
public sealed class KeyAdminTests : GatewayTestBase
{
    [Fact]
    public async Task The_admin_api_needs_the_admin_scope_which_ordinary_keys_lack()
    {
        var gateway = StartGateway();

        using var anonymous = await gateway.Client.GetAsync("/v1/admin/keys");
        using var fullClient = await gateway.AdminAsync(HttpMethod.Get, "/v1/admin/keys", caller: TestClient.Full);
        using var admin = await gateway.AdminAsync(HttpMethod.Get, "/v1/admin/keys");

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fullClient.StatusCode);
        Assert.Contains("scope=\"admin\"", fullClient.Headers.WwwAuthenticate.ToString());
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Equal("list", (await AdminCalls.JsonOf(admin)).GetProperty("object").GetString());
        Assert.Equal(0, Models.Requests + Agents.Requests);
    }

    [Fact]
    public async Task An_issued_key_acts_as_its_tenant_with_its_scopes()
    {
        var gateway = StartGateway();
        var tenant = $"billing-{Guid.NewGuid():N}";

        var issued = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = tenant, ["scopes"] = new JsonArray("models"), ["name"] = "billing batch" });
        using var models = await gateway.WithKeyAsync(issued.Key, "/v1/models");
        using var agents = await gateway.WithKeyAsync(issued.Key, "/v1/agents");

        Assert.StartsWith("pk-", issued.Key);
        Assert.Equal(HttpStatusCode.OK, models.StatusCode);
        Assert.Equal(tenant, Models.ReceivedHeaders.Last()[PlatformHeaders.ClientId]);
        Assert.Equal(HttpStatusCode.Forbidden, agents.StatusCode);
        var view = issued.Answer.GetProperty("api_key");
        Assert.Equal("active", view.GetProperty("status").GetString());
        Assert.Equal("billing batch", view.GetProperty("name").GetString());
        Assert.EndsWith(issued.Key[^4..], view.GetProperty("hint").GetString());
    }

    [Fact]
    public async Task The_secret_is_shown_once_and_redis_holds_only_its_hash()
    {
        var gateway = StartGateway();
        var issued = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "hash-check" });

        using var listed = await gateway.AdminAsync(HttpMethod.Get, "/v1/admin/keys?tenant=hash-check");
        using var one = await gateway.AdminAsync(HttpMethod.Get, $"/v1/admin/keys/{issued.Id}");
        var stored = await RedisContents.AllAsync(Redis.ConnectionString);

        var listText = await listed.Content.ReadAsStringAsync();
        Assert.Contains(issued.Id, listText);
        Assert.DoesNotContain(issued.Key, listText);
        Assert.DoesNotContain(issued.Key, await one.Content.ReadAsStringAsync());
        Assert.DoesNotContain(issued.Key, stored);
        Assert.Contains(ApiKeyHash.HexOf(issued.Key), stored);
    }

    [Fact]
    public async Task A_key_created_without_scopes_gets_models_and_agents_but_never_admin()
    {
        var gateway = StartGateway();
        var issued = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "no-scopes-given" });

        using var agents = await gateway.WithKeyAsync(issued.Key, "/v1/agents");
        using var admin = await gateway.WithKeyAsync(issued.Key, "/v1/admin/keys");

        Assert.Equal(["models", "agents"], issued.Answer.GetProperty("api_key").GetProperty("scopes").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(HttpStatusCode.OK, agents.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, admin.StatusCode);
    }

    [Fact]
    public async Task A_key_created_with_the_admin_scope_can_issue_keys()
    {
        var gateway = StartGateway();
        var delegated = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "ops-team", ["scopes"] = new JsonArray("admin") });

        using var created = await gateway.AdminAsync(HttpMethod.Post, "/v1/admin/keys", new JsonObject { ["tenant"] = "made-by-ops" },
            new TestClient("ops-team", delegated.Key));
        using var models = await gateway.WithKeyAsync(delegated.Key, "/v1/models");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, models.StatusCode);
    }

    [Fact]
    public async Task Rotation_keeps_the_id_and_refuses_the_old_secret()
    {
        var gateway = StartGateway();
        var issued = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "rotating" });
        using (var before = await gateway.WithKeyAsync(issued.Key, "/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var rotated = await gateway.AdminAsync(HttpMethod.Post, $"/v1/admin/keys/{issued.Id}/rotate");
        var answer = await AdminCalls.JsonOf(rotated);
        var newKey = answer.GetProperty("key").GetString()!;
        using var old = await gateway.WithKeyAsync(issued.Key, "/v1/models");
        using var fresh = await gateway.WithKeyAsync(newKey, "/v1/models");

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.Equal(issued.Id, answer.GetProperty("api_key").GetProperty("id").GetString());
        Assert.NotEqual(issued.Key, newKey);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task An_expired_key_gets_401_and_cannot_be_brought_back()
    {
        var gateway = StartGateway();
        var later = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "expiring" });
        var now = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "expiring" });
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1).ToUnixTimeSeconds();

        using var setLater = await gateway.AdminAsync(HttpMethod.Post, $"/v1/admin/keys/{later.Id}/expire", new JsonObject { ["at"] = tomorrow });
        using var setNow = await gateway.AdminAsync(HttpMethod.Post, $"/v1/admin/keys/{now.Id}/expire");
        using var stillValid = await gateway.WithKeyAsync(later.Key, "/v1/models");
        using var expired = await gateway.WithKeyAsync(now.Key, "/v1/models");
        using var revive = await gateway.AdminAsync(HttpMethod.Post, $"/v1/admin/keys/{now.Id}/expire", new JsonObject { ["at"] = tomorrow });
        using var rotate = await gateway.AdminAsync(HttpMethod.Post, $"/v1/admin/keys/{now.Id}/rotate");

        Assert.Equal(tomorrow, (await AdminCalls.JsonOf(setLater)).GetProperty("expires_at").GetInt64());
        Assert.Equal("expired", (await AdminCalls.JsonOf(setNow)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Contains("expired", (await AuthenticationTests.ErrorOf(expired)).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.Conflict, revive.StatusCode);
        Assert.Equal("key_expired", (await AuthenticationTests.ErrorOf(rotate)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_key_revoked_through_one_replica_is_refused_by_another_through_the_announcement()
    {
        // A cache period far beyond the polling bound: only the pub/sub announcement can make replica B refuse in time.
        var settings = Settings().With("KeyManagement:CacheDuration", "00:05:00");
        var replicaA = StartGateway(settings);
        var replicaB = StartGateway(settings);
        var issued = await replicaA.CreateKeyAsync(new JsonObject { ["tenant"] = "revoked-everywhere" });
        using (var before = await replicaB.WithKeyAsync(issued.Key, "/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        using var revoked = await replicaA.AdminAsync(HttpMethod.Post, $"/v1/admin/keys/{issued.Id}/revoke");

        Assert.Equal("revoked", (await AdminCalls.JsonOf(revoked)).GetProperty("status").GetString());
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            using var after = await replicaB.WithKeyAsync(issued.Key, "/v1/models");
            return after.StatusCode == HttpStatusCode.Unauthorized;
        }, within: TimeSpan.FromSeconds(30)));
        using var refused = await replicaB.WithKeyAsync(issued.Key, "/v1/models");
        Assert.Equal("This API key has been revoked.", (await AuthenticationTests.ErrorOf(refused)).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_replica_that_missed_the_announcement_refuses_a_revoked_key_once_its_cache_period_ends()
    {
        var gateway = StartGateway(Settings().With("KeyManagement:CacheDuration", "00:00:01"));
        var issued = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "silently-revoked" });
        using (var before = await gateway.WithKeyAsync(issued.Key, "/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Written straight into the record, as a change whose announcement never arrived.
        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        await redis.GetDatabase().HashSetAsync($"platform:gateway:{{keys}}:sha256:{ApiKeyHash.HexOf(issued.Key)}", "revoked",
            DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            using var after = await gateway.WithKeyAsync(issued.Key, "/v1/models");
            return after.StatusCode == HttpStatusCode.Unauthorized;
        }, within: TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task A_bootstrap_admin_key_from_the_published_credentials_issues_keys_and_configured_keys_keep_working()
    {
        var bootstrap = TestClient.Unique(Scopes.Admin);
        var credentials = new JsonObject
        {
            ["ApiKeys"] = new JsonObject { [bootstrap.ClientId] = new JsonObject { ["Sha256"] = bootstrap.Hash, ["Scopes"] = new JsonArray(Scopes.Admin) } },
        };
        var gateway = StartGateway(Settings().With(PublishedCredentials.Setting, credentials.ToJsonString()));

        using var created = await gateway.AdminAsync(HttpMethod.Post, "/v1/admin/keys", new JsonObject { ["tenant"] = "from-bootstrap" }, bootstrap);
        var key = (await AdminCalls.JsonOf(created)).GetProperty("key").GetString()!;
        using var issuedUse = await gateway.WithKeyAsync(key, "/v1/models");
        using var configuredUse = await gateway.SendAsync(TestClient.Full, HttpMethod.Get, "/v1/models");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, issuedUse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, configuredUse.StatusCode);
    }

    [Fact]
    public async Task Keys_are_listed_oldest_first_in_pages_of_every_tenant_or_of_one()
    {
        var gateway = StartGateway();
        var first = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "paged-a" });
        var second = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "paged-b" });
        var third = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "paged-a" });

        var page1 = await ListAsync(gateway, "?limit=2");
        var page2 = await ListAsync(gateway, $"?limit=2&after={page1.GetProperty("last_id").GetString()}");
        var tenantPage1 = await ListAsync(gateway, "?tenant=paged-a&limit=1");
        var tenantPage2 = await ListAsync(gateway, $"?tenant=paged-a&limit=1&after={first.Id}");

        Assert.Equal([first.Id, second.Id], Ids(page1));
        Assert.True(page1.GetProperty("has_more").GetBoolean());
        Assert.Equal([third.Id], Ids(page2));
        Assert.False(page2.GetProperty("has_more").GetBoolean());
        Assert.Equal([first.Id], Ids(tenantPage1));
        Assert.True(tenantPage1.GetProperty("has_more").GetBoolean());
        Assert.Equal([third.Id], Ids(tenantPage2));
        Assert.False(tenantPage2.GetProperty("has_more").GetBoolean());
    }

    [Fact]
    public async Task A_tenant_holds_at_most_the_configured_number_of_keys_until_a_revoked_one_is_deleted()
    {
        var gateway = StartGateway(Settings().With("KeyManagement:MaxKeysPerTenant", 2));
        var first = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "capped" });
        await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "capped" });

        using var third = await gateway.AdminAsync(HttpMethod.Post, "/v1/admin/keys", new JsonObject { ["tenant"] = "capped" });
        using var deleteActive = await gateway.AdminAsync(HttpMethod.Delete, $"/v1/admin/keys/{first.Id}");
        using var revoke = await gateway.AdminAsync(HttpMethod.Post, $"/v1/admin/keys/{first.Id}/revoke");
        using var delete = await gateway.AdminAsync(HttpMethod.Delete, $"/v1/admin/keys/{first.Id}");
        using var gone = await gateway.AdminAsync(HttpMethod.Get, $"/v1/admin/keys/{first.Id}");
        using var deletedUse = await gateway.WithKeyAsync(first.Key, "/v1/models");
        using var afterDelete = await gateway.AdminAsync(HttpMethod.Post, "/v1/admin/keys", new JsonObject { ["tenant"] = "capped" });

        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal("too_many_keys", (await AuthenticationTests.ErrorOf(third)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, deleteActive.StatusCode);
        Assert.Equal("key_active", (await AuthenticationTests.ErrorOf(deleteActive)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.True((await AdminCalls.JsonOf(delete)).GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, deletedUse.StatusCode);
        Assert.Equal(HttpStatusCode.Created, afterDelete.StatusCode);
    }

    [Fact]
    public async Task Without_redis_issued_keys_read_before_keep_working_unseen_ones_get_503_and_configured_keys_are_unaffected()
    {
        // No cache period: every request reads Redis, so the key read before is served from what was read last.
        var gateway = StartGateway(Settings().With("KeyManagement:CacheDuration", "00:00:00"));
        var seen = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "redis-outage" });
        var unseen = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "redis-outage" });
        using (var before = await gateway.WithKeyAsync(seen.Key, "/v1/models"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await Redis.StopAsync();
        using var seenUse = await gateway.WithKeyAsync(seen.Key, "/v1/models");
        using var unseenUse = await gateway.WithKeyAsync(unseen.Key, "/v1/models");
        using var configuredUse = await gateway.SendAsync(TestClient.Full, HttpMethod.Get, "/v1/models");
        using var adminCall = await gateway.AdminAsync(HttpMethod.Get, "/v1/admin/keys");

        Assert.Equal(HttpStatusCode.OK, seenUse.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, unseenUse.StatusCode);
        Assert.Equal("key_store_unavailable", (await AuthenticationTests.ErrorOf(unseenUse)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, configuredUse.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, adminCall.StatusCode);
        Assert.Equal("key_store_unavailable", (await AuthenticationTests.ErrorOf(adminCall)).GetProperty("code").GetString());
    }

    private static async Task<JsonElement> ListAsync(GatewayInstance gateway, string query)
    {
        using var response = await gateway.AdminAsync(HttpMethod.Get, "/v1/admin/keys" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await AdminCalls.JsonOf(response);
    }

    private static string[] Ids(JsonElement list) =>
        [.. list.GetProperty("data").EnumerateArray().Select(key => key.GetProperty("id").GetString()!)];
}
