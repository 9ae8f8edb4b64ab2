using System.Text.Json;
using Platform.Gateway.Authentication;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Gateway.Keys;

/// <summary>
/// Reads the admin API's request bodies by hand, so every mistake is a 400 naming the field (<c>tenant</c>,
/// <c>scopes[1]</c>, <c>quotas.requests_per_minute</c>) rather than a binder's message.
/// </summary>
public static class KeyRequests
{
    public const long MaxBodyBytes = 64 * 1024;
    public const int MaxNameLength = 200;
    public const int DefaultListLimit = 100;
    public const int MaxListLimit = 1000;

    /// <summary>The query of a key listing: <c>tenant</c>, <c>after</c> (a key id) and <c>limit</c> (1 to 1000, default 100).</summary>
    public static (string? Tenant, string? After, int Limit) ListQuery(IQueryCollection query)
    {
        var tenant = Single(query, "tenant") is { } value ? Tenant(value, "tenant") : null;
        var after = Single(query, "after");
        if (after is not null && !ApiKeySecret.IsWellFormedId(after))
        {
            throw new InvalidRequestException("'after' must be a key id (key_ and 16 hex characters).", "after");
        }

        var limit = Single(query, "limit") is { } text
            ? int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= MaxListLimit
                ? number
                : throw new InvalidRequestException($"'limit' must be an integer from 1 to {MaxListLimit}.", "limit")
            : DefaultListLimit;
        return (tenant, after, limit);
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values)
            ? values.Count == 1 ? values[0] : throw new InvalidRequestException($"'{name}' may be given once.", name)
            : null;

    public static NewKey NewKey(JsonElement body) => new(
        Tenant(body.RequiredString("tenant"), "tenant"),
        ScopesOf(body),
        body.OptionalInteger("expires_at") is { } expires ? UnixTime(expires, "expires_at") : null,
        NameOf(body),
        body.Optional("quotas") is { } quotas ? Quotas(quotas, "quotas") : new Dictionary<string, long?>());

    /// <summary>The <c>at</c> of an expire request (unix seconds), or null for now.</summary>
    public static DateTimeOffset? ExpireAt(JsonElement body) =>
        body.OptionalInteger("at") is { } at ? UnixTime(at, "at") : null;

    public static IReadOnlyDictionary<string, long?> QuotaChanges(JsonElement body) =>
        body.Optional("quotas") is { } quotas
            ? Quotas(quotas, "quotas")
            : throw new InvalidRequestException("'quotas' is required: an object of quota names and integers (null removes one).", "quotas");

    /// <summary>A tenant an API key may act as: valid, and outside the JWT issuers' namespaces.</summary>
    public static string Tenant(string tenant, string param) =>
        TenantIds.IsValidForApiKeys(tenant)
            ? tenant
            : throw new InvalidRequestException(
                $"'{param}' must be 1 to {TenantIds.MaxLength} characters ({TenantIds.Charset}), starting with a letter or digit, without '{TenantIds.NamespaceSeparator}'.",
                param, code: "invalid_tenant");

    private static string[] ScopesOf(JsonElement body)
    {
        if (body.Optional("scopes") is not { } scopes)
        {
            return Scopes.Routed;
        }

        if (scopes.ValueKind != JsonValueKind.Array || scopes.GetArrayLength() == 0)
        {
            throw new InvalidRequestException($"'scopes' must be a non-empty array of: {string.Join(", ", Scopes.All)}.", "scopes");
        }

        var result = new List<string>();
        var index = 0;
        foreach (var scope in scopes.EnumerateArray())
        {
            var param = $"scopes[{index++}]";
            if (scope.ValueKind != JsonValueKind.String || !Scopes.IsKnown(scope.GetString()!))
            {
                throw new InvalidRequestException($"'{param}' must be one of: {string.Join(", ", Scopes.All)}.", param, code: "invalid_scope");
            }

            if (!result.Contains(scope.GetString()!))
            {
                result.Add(scope.GetString()!);
            }
        }

        return [.. result];
    }

    private static string? NameOf(JsonElement body) =>
        body.OptionalString("name") switch
        {
            null or "" => null,
            { Length: > MaxNameLength } => throw new InvalidRequestException($"'name' must be at most {MaxNameLength} characters.", "name"),
            var name when name.Any(char.IsControl) => throw new InvalidRequestException("'name' must not contain control characters.", "name"),
            var name => name,
        };

    private static Dictionary<string, long?> Quotas(JsonElement quotas, string param)
    {
        if (quotas.ValueKind != JsonValueKind.Object)
        {
            throw JsonFields.WrongType(param, "an object of quota names and integers");
        }

        var result = new Dictionary<string, long?>(StringComparer.Ordinal);
        foreach (var quota in quotas.EnumerateObject())
        {
            var path = $"{param}.{quota.Name}";
            if (!TenantQuota.IsKnown(quota.Name))
            {
                throw new InvalidRequestException($"'{path}' is not a quota; known quotas: {string.Join(", ", TenantQuota.All)}.", path, code: "unknown_quota");
            }

            result[quota.Name] = quota.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number when quota.Value.TryGetInt64(out var value) && value >= MinimumOf(quota.Name) => value,
                _ => throw new InvalidRequestException($"'{path}' must be an integer of at least {MinimumOf(quota.Name)}, or null to remove it.", path, code: "invalid_type"),
            };
        }

        return result;
    }

    // A zero rate would lock the tenant out with 429s that never end; revoking its keys says that honestly.
    private static long MinimumOf(string quota) => quota is TenantQuota.RequestsPerMinute or TenantQuota.ConcurrentStreams ? 1 : 0;

    private static DateTimeOffset UnixTime(long seconds, string param) =>
        seconds is > 0 and < 253_402_300_800
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : throw new InvalidRequestException($"'{param}' must be a time in unix seconds.", param);
}
