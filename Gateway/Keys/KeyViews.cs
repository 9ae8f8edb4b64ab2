using System.Text.Json.Serialization;

namespace Platform.Gateway.Keys;

/// <summary>A key as the admin API shows it: never its secret, times in unix seconds.</summary>
public sealed record KeyView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("tenant")] string Tenant,
    [property: JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: JsonPropertyName("hint")] string Hint,
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("created_at")] long CreatedAt,
    [property: JsonPropertyName("expires_at")] long? ExpiresAt,
    [property: JsonPropertyName("revoked_at")] long? RevokedAt,
    [property: JsonPropertyName("rotated_at")] long? RotatedAt)
{
    public static KeyView Of(ApiKeyRecord record, DateTimeOffset now) => new(
        record.Id, "api_key", record.Tenant, record.Scopes, record.Hint, record.Name,
        record.StatusAt(now).ToString().ToLowerInvariant(),
        record.CreatedAt.ToUnixTimeSeconds(), record.ExpiresAt?.ToUnixTimeSeconds(), record.RevokedAt?.ToUnixTimeSeconds(),
        record.RotatedAt?.ToUnixTimeSeconds());
}

/// <summary>The answer to a create or rotate: the key with its secret, shown this once, and the tenant's quotas.</summary>
public sealed record IssuedKeyView(
    [property: JsonPropertyName("key")] string Key,
    [property: JsonPropertyName("api_key")] KeyView ApiKey,
    [property: JsonPropertyName("quotas")] IReadOnlyDictionary<string, long> Quotas);

/// <summary>A page of keys, as OpenAI lists are: pass <c>last_id</c> as <c>after</c> for the next page.</summary>
public sealed record KeyListView(
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("data")] IReadOnlyList<KeyView> Data,
    [property: JsonPropertyName("first_id")] string? FirstId,
    [property: JsonPropertyName("last_id")] string? LastId,
    [property: JsonPropertyName("has_more")] bool HasMore);

public sealed record TenantQuotasView(
    [property: JsonPropertyName("tenant")] string Tenant,
    [property: JsonPropertyName("quotas")] IReadOnlyDictionary<string, long> Quotas);

public sealed record DeletedKeyView(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("object")] string Object,
    [property: JsonPropertyName("deleted")] bool Deleted);
