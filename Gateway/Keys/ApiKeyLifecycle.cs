using Microsoft.Extensions.Options;
using Platform.Gateway.Authentication;

namespace Platform.Gateway.Keys;

/// <summary>What the admin asks for when issuing a key.</summary>
public sealed record NewKey(string Tenant, IReadOnlyList<string> Scopes, DateTimeOffset? ExpiresAt, string? Name, IReadOnlyDictionary<string, long?> Quotas);

/// <summary>A key just created or rotated: the only time its secret is known.</summary>
public sealed record IssuedKey(ApiKeyRecord Record, string Secret, IReadOnlyDictionary<string, long> Quotas);

/// <summary>
/// The one owner of a key's transitions: issued (active), rotated (new secret, same id; the old secret stops at once),
/// expired (at a time), revoked (for good) and deleted (only once expired or revoked, to free the tenant's allowance of
/// keys). Revoked keys cannot be rotated or expired; expired keys cannot be rotated or given a new expiry, so nothing
/// brings a key back. Every change of an existing key is announced to the
/// other replicas (<see cref="KeyChanges"/>) and logged with the admin who made it.
/// </summary>
public sealed class ApiKeyLifecycle(
    ApiKeyRecords records,
    TenantQuotaWriter quotas,
    KeyChanges changes,
    IOptions<KeyManagementOptions> options,
    TimeProvider clock,
    ILogger<ApiKeyLifecycle> logger)
{
    /// <summary>Attempts at a change that raced with another change of the same key.</summary>
    private const int Attempts = 3;

    public async Task<IssuedKey> CreateAsync(NewKey request, string admin)
    {
        var now = clock.GetUtcNow();
        if (request.ExpiresAt <= now)
        {
            throw new InvalidRequestException("'expires_at' must be in the future.", "expires_at");
        }

        if (await records.CountAsync(request.Tenant) >= options.Value.MaxKeysPerTenant)
        {
            throw new InvalidRequestException(
                $"The tenant '{request.Tenant}' already holds {options.Value.MaxKeysPerTenant} keys (KeyManagement:MaxKeysPerTenant).",
                "tenant", StatusCodes.Status409Conflict, "too_many_keys");
        }

        if (await records.CountAsync() >= options.Value.MaxKeys)
        {
            throw new InvalidRequestException(
                $"The gateway already holds {options.Value.MaxKeys} keys (KeyManagement:MaxKeys).", null, StatusCodes.Status409Conflict, "too_many_keys");
        }

        // Quotas first: writing them again is harmless, so a request that fails half-way can simply be retried.
        var tenantQuotas = request.Quotas.Count == 0 ? await quotas.ReadAsync(request.Tenant) : await quotas.WriteAsync(request.Tenant, request.Quotas);
        if (request.Quotas.Count > 0)
        {
            await changes.TenantChangedAsync(request.Tenant);
        }

        var secret = ApiKeySecret.New();
        var record = new ApiKeyRecord(ApiKeySecret.NewId(), request.Tenant, request.Scopes, ApiKeyHash.HexOf(secret),
            ApiKeySecret.HintOf(secret), request.Name, now, request.ExpiresAt);
        if (!await records.AddAsync(record))
        {
            throw new InvalidOperationException($"The key id '{record.Id}' was already taken.");
        }

        logger.LogInformation("Key {KeyId} issued for tenant {Tenant} with scopes {Scopes} by {Admin}.",
            record.Id, record.Tenant, string.Join(' ', record.Scopes), admin);
        return new IssuedKey(record, secret, tenantQuotas);
    }

    public async Task<IssuedKey?> RotateAsync(string id, string admin)
    {
        string? secret = null;
        var rotated = await ChangeAsync(id, (current, now) =>
        {
            RefuseUnlessActive(current, now, "rotated");
            secret = ApiKeySecret.New();
            return current with { Sha256 = ApiKeyHash.HexOf(secret), Hint = ApiKeySecret.HintOf(secret), RotatedAt = now };
        }, "rotated", admin);
        return rotated is null ? null : new IssuedKey(rotated, secret!, await quotas.ReadAsync(rotated.Tenant));
    }

    /// <summary>Sets the key's expiry (now when <paramref name="at"/> is null).</summary>
    public Task<ApiKeyRecord?> ExpireAsync(string id, DateTimeOffset? at, string admin) =>
        ChangeAsync(id, (current, now) =>
        {
            RefuseUnlessActive(current, now, "given a new expiry");
            return current with { ExpiresAt = at ?? now };
        }, "expired", admin);

    /// <summary>Revokes the key for good; revoking a revoked key changes nothing.</summary>
    public Task<ApiKeyRecord?> RevokeAsync(string id, string admin) =>
        ChangeAsync(id, (current, now) => current.RevokedAt is null ? current with { RevokedAt = now } : current, "revoked", admin);

    /// <summary>Deletes an expired or revoked key; false when there is no such key.</summary>
    public async Task<bool> DeleteAsync(string id, string admin)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await records.FindAsync(id) is not { } current)
            {
                return false;
            }

            if (current.StatusAt(clock.GetUtcNow()) == ApiKeyStatus.Active)
            {
                throw new InvalidRequestException($"The key '{id}' is active; revoke or expire it before deleting it.", "id",
                    StatusCodes.Status409Conflict, "key_active");
            }

            if (await records.RemoveAsync(current))
            {
                await changes.KeyChangedAsync(current.Sha256);
                logger.LogInformation("Key {KeyId} of tenant {Tenant} deleted by {Admin}.", id, current.Tenant, admin);
                return true;
            }
        }

        throw Busy(id);
    }

    private async Task<ApiKeyRecord?> ChangeAsync(string id, Func<ApiKeyRecord, DateTimeOffset, ApiKeyRecord> change, string what, string admin)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            if (await records.FindAsync(id) is not { } current)
            {
                return null;
            }

            var updated = change(current, clock.GetUtcNow());
            if (updated == current)
            {
                return current;
            }

            if (await records.ReplaceAsync(current, updated))
            {
                await changes.KeyChangedAsync(current.Sha256);
                logger.LogInformation("Key {KeyId} of tenant {Tenant} {Change} by {Admin}.", id, current.Tenant, what, admin);
                return updated;
            }
        }

        throw Busy(id);
    }

    private static InvalidRequestException Busy(string id) =>
        new($"The key '{id}' is being changed by another request; try again.", "id", StatusCodes.Status409Conflict, "key_busy");

    private static void RefuseUnlessActive(ApiKeyRecord key, DateTimeOffset now, string change)
    {
        var status = key.StatusAt(now);
        if (status != ApiKeyStatus.Active)
        {
            var state = status == ApiKeyStatus.Revoked ? "revoked" : "expired";
            throw new InvalidRequestException($"The key '{key.Id}' is {state} and cannot be {change}; issue a new key instead.", "id",
                StatusCodes.Status409Conflict, $"key_{state}");
        }
    }
}
