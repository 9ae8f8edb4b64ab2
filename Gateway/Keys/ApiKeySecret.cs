using System.Security.Cryptography;

namespace Platform.Gateway.Keys;

/// <summary>
/// The secret a client presents: <c>pk-</c> and 64 hex characters (256 random bits). No dots, so it is never mistaken
/// for a JWT. It is returned once, by the call that creates or rotates the key, and never stored.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "pk-";

    public static string New() => Prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string NewId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    /// <summary>Enough to recognise a key in a list, far too little to guess it.</summary>
    public static string HintOf(string secret) => $"{Prefix}...{secret[^4..]}";

    public static bool IsWellFormedId(string? id) =>
        id is { Length: 20 } && id.StartsWith("key_", StringComparison.Ordinal) && id.AsSpan(4).ContainsOnlyHexLower();

    private static bool ContainsOnlyHexLower(this ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c) && c is < 'a' or > 'f')
            {
                return false;
            }
        }

        return true;
    }
}
