namespace Platform.Gateway.Keys;

/// <summary>
/// One key issued through the admin API, as stored: never the key itself, only its SHA-256, with the tenant it acts
/// as, its scopes and its dates. <see cref="Hint"/> (prefix and last four characters) lets people tell keys apart.
/// </summary>
public sealed record ApiKeyRecord(
    string Id,
    string Tenant,
    IReadOnlyList<string> Scopes,
    string Sha256,
    string Hint,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt = null,
    DateTimeOffset? RevokedAt = null,
    DateTimeOffset? RotatedAt = null)
{
    public ApiKeyStatus StatusAt(DateTimeOffset now) =>
        RevokedAt is not null ? ApiKeyStatus.Revoked
        : ExpiresAt is { } expires && expires <= now ? ApiKeyStatus.Expired
        : ApiKeyStatus.Active;
}

public enum ApiKeyStatus
{
    Active,
    Expired,
    Revoked,
}
