using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Gateway.Authentication;
using Platform.ServiceDefaults.Tenancy;
using StackExchange.Redis;

namespace Platform.Gateway.Keys;

/// <summary>
/// The key admin API (<c>/v1/admin</c>, scope <c>admin</c>): issue, list, rotate, expire and revoke the API keys kept in
/// Redis, and read or change a tenant's quota overrides. Served by the gateway itself, never proxied.
/// </summary>
public static class KeyAdminApi
{
    public const string Prefix = "/v1/admin";

    public static IEndpointRouteBuilder MapKeyAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup(Prefix)
            .RequireAuthorization(Scopes.Admin)
            .HandleInvalidRequests()
            .AddEndpointFilter(AnswerUnreachableRedis)
            .WithTags("Admin");

        admin.MapPost("/keys", CreateAsync).WithName("CreateKey").WithSummary("Issue a key; its secret is in this answer only.");
        admin.MapGet("/keys", ListAsync).WithName("ListKeys").WithSummary("List keys, optionally of one tenant.");
        admin.MapGet("/keys/{id}", GetAsync).WithName("GetKey").WithSummary("One key.");
        admin.MapPost("/keys/{id}/rotate", RotateAsync).WithName("RotateKey").WithSummary("Replace a key's secret; the old one stops working.");
        admin.MapPost("/keys/{id}/expire", ExpireAsync).WithName("ExpireKey").WithSummary("Set a key's expiry, now by default.");
        admin.MapPost("/keys/{id}/revoke", RevokeAsync).WithName("RevokeKey").WithSummary("Revoke a key for good.");
        admin.MapDelete("/keys/{id}", DeleteAsync).WithName("DeleteKey").WithSummary("Delete an expired or revoked key.");
        admin.MapGet("/tenants/{tenant}/quotas", GetQuotasAsync).WithName("GetTenantQuotas").WithSummary("A tenant's quota overrides.");
        admin.MapPatch("/tenants/{tenant}/quotas", UpdateQuotasAsync).WithName("UpdateTenantQuotas").WithSummary("Set or remove (null) quota overrides.");
        return app;
    }

    private static async Task<Created<IssuedKeyView>> CreateAsync(HttpContext http, ApiKeyLifecycle keys, TimeProvider clock)
    {
        using var body = await JsonRequestBody.ReadObjectAsync(http, KeyRequests.MaxBodyBytes, http.RequestAborted);
        var issued = await keys.CreateAsync(KeyRequests.NewKey(body.RootElement), AdminOf(http));
        return TypedResults.Created($"{Prefix}/keys/{issued.Record.Id}", View(issued, clock));
    }

    private static async Task<Ok<KeyListView>> ListAsync(HttpContext http, ApiKeyRecords records, TimeProvider clock)
    {
        var (tenant, after, limit) = KeyRequests.ListQuery(http.Request.Query);
        var (keys, hasMore) = await records.ListAsync(tenant, after, limit);
        var now = clock.GetUtcNow();
        return TypedResults.Ok(new KeyListView("list", [.. keys.Select(record => KeyView.Of(record, now))],
            keys.Count > 0 ? keys[0].Id : null, keys.Count > 0 ? keys[^1].Id : null, hasMore));
    }

    private static async Task<Results<Ok<KeyView>, JsonHttpResult<OpenAiError>>> GetAsync(string id, ApiKeyRecords records, TimeProvider clock) =>
        ApiKeySecret.IsWellFormedId(id) && await records.FindAsync(id) is { } record
            ? TypedResults.Ok(KeyView.Of(record, clock.GetUtcNow()))
            : ApiErrors.NotFound("key", id);

    private static async Task<Results<Ok<IssuedKeyView>, JsonHttpResult<OpenAiError>>> RotateAsync(string id, HttpContext http, ApiKeyLifecycle keys, TimeProvider clock) =>
        ApiKeySecret.IsWellFormedId(id) && await keys.RotateAsync(id, AdminOf(http)) is { } issued
            ? TypedResults.Ok(View(issued, clock))
            : ApiErrors.NotFound("key", id);

    private static async Task<Results<Ok<KeyView>, JsonHttpResult<OpenAiError>>> ExpireAsync(string id, HttpContext http, ApiKeyLifecycle keys, TimeProvider clock)
    {
        DateTimeOffset? at = null;
        if (HasBody(http.Request))
        {
            using var body = await JsonRequestBody.ReadObjectAsync(http, KeyRequests.MaxBodyBytes, http.RequestAborted);
            at = KeyRequests.ExpireAt(body.RootElement);
        }

        return ApiKeySecret.IsWellFormedId(id) && await keys.ExpireAsync(id, at, AdminOf(http)) is { } record
            ? TypedResults.Ok(KeyView.Of(record, clock.GetUtcNow()))
            : ApiErrors.NotFound("key", id);
    }

    private static async Task<Results<Ok<KeyView>, JsonHttpResult<OpenAiError>>> RevokeAsync(string id, HttpContext http, ApiKeyLifecycle keys, TimeProvider clock) =>
        ApiKeySecret.IsWellFormedId(id) && await keys.RevokeAsync(id, AdminOf(http)) is { } record
            ? TypedResults.Ok(KeyView.Of(record, clock.GetUtcNow()))
            : ApiErrors.NotFound("key", id);

    private static async Task<Results<Ok<DeletedKeyView>, JsonHttpResult<OpenAiError>>> DeleteAsync(string id, HttpContext http, ApiKeyLifecycle keys) =>
        ApiKeySecret.IsWellFormedId(id) && await keys.DeleteAsync(id, AdminOf(http))
            ? TypedResults.Ok(new DeletedKeyView(id, "api_key.deleted", true))
            : ApiErrors.NotFound("key", id);

    private static async Task<Ok<TenantQuotasView>> GetQuotasAsync(string tenant, TenantQuotaWriter quotas) =>
        TypedResults.Ok(new TenantQuotasView(AnyTenant(tenant), await quotas.ReadAsync(AnyTenant(tenant))));

    private static async Task<Ok<TenantQuotasView>> UpdateQuotasAsync(string tenant, HttpContext http, TenantQuotaWriter quotas, KeyChanges changes, ILogger<ApiKeyLifecycle> logger)
    {
        AnyTenant(tenant);
        using var body = await JsonRequestBody.ReadObjectAsync(http, KeyRequests.MaxBodyBytes, http.RequestAborted);
        var written = await quotas.WriteAsync(tenant, KeyRequests.QuotaChanges(body.RootElement));
        await changes.TenantChangedAsync(tenant);
        logger.LogInformation("Quotas of tenant {Tenant} changed by {Admin}.", tenant, AdminOf(http));
        return TypedResults.Ok(new TenantQuotasView(tenant, written));
    }

    // Quotas can be set for a JWT tenant as well as for an API-key one.
    private static string AnyTenant(string tenant) =>
        TenantIds.IsValid(tenant)
            ? tenant
            : throw new InvalidRequestException($"'tenant' must be 1 to {TenantIds.MaxLength} characters ({TenantIds.Charset}), starting with a letter or digit.",
                "tenant", code: "invalid_tenant");

    private static IssuedKeyView View(IssuedKey issued, TimeProvider clock) =>
        new(issued.Secret, KeyView.Of(issued.Record, clock.GetUtcNow()), issued.Quotas);

    private static string AdminOf(HttpContext http) => PlatformClaims.ClientIdOf(http.User) ?? "unknown";

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength > 0 || (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0);

    private static async ValueTask<object?> AnswerUnreachableRedis(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException && !context.HttpContext.Response.HasStarted)
        {
            context.HttpContext.RequestServices.GetRequiredService<ILogger<ApiKeyLifecycle>>().LogWarning(exception, "The key admin API could not reach Redis.");
            context.HttpContext.Response.Headers.RetryAfter = "5";
            return ApiErrors.Error(StatusCodes.Status503ServiceUnavailable, "The key store is unreachable. Try again shortly; repeating the request is safe.", code: "key_store_unavailable");
        }
    }
}
