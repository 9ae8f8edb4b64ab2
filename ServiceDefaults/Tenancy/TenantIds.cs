using System.Buffers;

namespace Platform.ServiceDefaults.Tenancy;

/// <summary>
/// What a tenant (client) id may contain. Ids go into Redis keys (inside <c>{...}</c> hash tags), HTTP headers and
/// metric labels, so they are short and drawn from a small charset without braces, colons, slashes, spaces or
/// control characters. API-key tenants never contain <see cref="NamespaceSeparator"/>; tenants named by a JWT always
/// do (<c>&lt;issuer alias&gt;~&lt;claim&gt;</c>), so the two kinds can never name the same tenant.
/// </summary>
public static class TenantIds
{
    public const int MaxLength = 128;

    /// <summary>Separates a JWT issuer's alias from the client id its token names.</summary>
    public const char NamespaceSeparator = '~';

    /// <summary>The charset, as shown in error messages.</summary>
    public const string Charset = "letters, digits and . _ - @ | +";

    private static readonly SearchValues<char> Allowed =
        SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-@|+");

    /// <summary>A whole tenant id of either namespace.</summary>
    public static bool IsValid(string? id)
    {
        if (id is not { Length: > 0 and <= MaxLength })
        {
            return false;
        }

        var separator = id.IndexOf(NamespaceSeparator);
        return separator < 0
            ? IsValidPart(id)
            : IsValidPart(id.AsSpan(0, separator)) && IsValidPart(id.AsSpan(separator + 1));
    }

    /// <summary>An id an API key may be bound to: valid, and outside every JWT issuer's namespace.</summary>
    public static bool IsValidForApiKeys(string? id) => IsValid(id) && !id!.Contains(NamespaceSeparator);

    /// <summary>One part: at least one allowed character, starting with a letter or digit.</summary>
    public static bool IsValidPart(ReadOnlySpan<char> part) =>
        part.Length > 0 && char.IsAsciiLetterOrDigit(part[0]) && !part.ContainsAnyExcept(Allowed);
}
