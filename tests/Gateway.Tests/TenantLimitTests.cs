using System.Net;
using System.Text.Json.Nodes;
using Platform.Gateway.Tests.Support;
using Platform.ServiceDefaults.Tenancy;
using Platform.TestSupport;
using StackExchange.Redis;

namespace Platform.Gateway.Tests;

/// <summary>A tenant's quota overrides, written through the admin API, change the gateway's limits for that tenant.</summary>
public sealed class TenantLimitTests : GatewayTestBase
{
    [Fact]
    public async Task Quotas_given_with_a_key_go_into_the_tenants_hash_that_every_service_reads()
    {
        var gateway = StartGateway();

        var issued = await gateway.CreateKeyAsync(new JsonObject
        {
            ["tenant"] = "quota-tenant",
            ["quotas"] = new JsonObject { [TenantQuota.RequestsPerMinute] = 120, [TenantQuota.Threads] = 50 },
        });

        await using var redis = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString);
        var hash = (await redis.GetDatabase().HashGetAllAsync(TenantQuotaOverrides.KeyOf("quota-tenant"))).ToDictionary(e => e.Name.ToString(), e => (long)e.Value);
        Assert.Equal(new Dictionary<string, long> { [TenantQuota.RequestsPerMinute] = 120, [TenantQuota.Threads] = 50 }, hash);
        Assert.Equal(120, issued.Answer.GetProperty("quotas").GetProperty(TenantQuota.RequestsPerMinute).GetInt64());
    }

    [Fact]
    public async Task A_tenants_requests_per_minute_override_limits_its_keys_and_no_one_else()
    {
        var gateway = StartGateway(Settings().With("RateLimits:RequestsPerMinute", 100));
        var limited = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "slow-tenant", ["quotas"] = new JsonObject { [TenantQuota.RequestsPerMinute] = 2 } });
        var other = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "normal-tenant" });

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await gateway.WithKeyAsync(limited.Key, "/v1/models");
            statuses.Add(response.StatusCode);
            Assert.Equal("2", response.Headers.GetValues("x-ratelimit-limit").Single());
        }

        using var unaffected = await gateway.WithKeyAsync(other.Key, "/v1/models");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.OK, unaffected.StatusCode);
        Assert.Equal("100", unaffected.Headers.GetValues("x-ratelimit-limit").Single());
    }

    [Fact]
    public async Task A_changed_override_reaches_another_replica_through_the_announcement()
    {
        // Quota reads are cached far beyond the polling bound, so only the announcement can bring the change in time.
        var settings = Settings().With("RateLimits:RequestsPerMinute", 100).With("TenantQuotas:CacheDuration", "00:10:00");
        var replicaA = StartGateway(settings);
        var replicaB = StartGateway(settings);
        var issued = await replicaA.CreateKeyAsync(new JsonObject { ["tenant"] = "raised-tenant" });
        using (var before = await replicaB.WithKeyAsync(issued.Key, "/v1/models"))
        {
            Assert.Equal("100", before.Headers.GetValues("x-ratelimit-limit").Single());
        }

        using var patched = await replicaA.AdminAsync(HttpMethod.Patch, "/v1/admin/tenants/raised-tenant/quotas",
            new JsonObject { ["quotas"] = new JsonObject { [TenantQuota.RequestsPerMinute] = 500 } });

        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        Assert.True(await Eventually.HoldsAsync(async () =>
        {
            using var after = await replicaB.WithKeyAsync(issued.Key, "/v1/models");
            return after.Headers.GetValues("x-ratelimit-limit").Single() == "500";
        }));
    }

    [Fact]
    public async Task A_tenants_concurrent_streams_override_limits_its_streams()
    {
        var gateway = StartGateway(Settings().With("RateLimits:ConcurrentStreams", 10));
        var issued = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "one-stream", ["quotas"] = new JsonObject { [TenantQuota.ConcurrentStreams] = 1 } });
        var client = new TestClient("one-stream", issued.Key);

        using var open = await Sse.StartAsync(gateway, client);
        await open.ReadEventAsync();
        using var refused = await gateway.Client.SendAsync(Sse.Request(client), HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("1 open at once", (await AuthenticationTests.ErrorOf(refused)).GetProperty("message").GetString());
        Models.Gate.TrySetResult();
        await open.ReadToEndAsync();
    }

    [Fact]
    public async Task Removing_an_override_with_null_restores_the_configured_limit()
    {
        var gateway = StartGateway(Settings().With("RateLimits:RequestsPerMinute", 100));
        var issued = await gateway.CreateKeyAsync(new JsonObject { ["tenant"] = "restored", ["quotas"] = new JsonObject { [TenantQuota.RequestsPerMinute] = 7 } });

        using var removed = await gateway.AdminAsync(HttpMethod.Patch, "/v1/admin/tenants/restored/quotas",
            new JsonObject { ["quotas"] = new JsonObject { [TenantQuota.RequestsPerMinute] = null } });
        using var read = await gateway.AdminAsync(HttpMethod.Get, "/v1/admin/tenants/restored/quotas");
        using var use = await gateway.WithKeyAsync(issued.Key, "/v1/models");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.False((await AdminCalls.JsonOf(read)).GetProperty("quotas").TryGetProperty(TenantQuota.RequestsPerMinute, out _));
        Assert.Equal("100", use.Headers.GetValues("x-ratelimit-limit").Single());
    }

    [Fact]
    public async Task Quotas_can_be_set_for_a_jwt_tenant_but_not_for_an_unsafe_id()
    {
        var gateway = StartGateway();

        using var jwtTenant = await gateway.AdminAsync(HttpMethod.Patch, "/v1/admin/tenants/jwt~reporting/quotas",
            new JsonObject { ["quotas"] = new JsonObject { [TenantQuota.TokensPerDay] = 1000 } });
        using var unsafeId = await gateway.AdminAsync(HttpMethod.Patch, "/v1/admin/tenants/a%3Ab/quotas",
            new JsonObject { ["quotas"] = new JsonObject { [TenantQuota.TokensPerDay] = 1000 } });

        Assert.Equal(HttpStatusCode.OK, jwtTenant.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unsafeId.StatusCode);
        Assert.Equal("tenant", (await AuthenticationTests.ErrorOf(unsafeId)).GetProperty("param").GetString());
    }
}
