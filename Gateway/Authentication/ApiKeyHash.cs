using System.Security.Cryptography;
using System.Text;

namespace Platform.Gateway.Authentication;

/// <summary>How a key is stored: the hex SHA-256 of its UTF-8 bytes (<c>printf %s "$KEY" | sha256sum</c>).</summary>
public static class ApiKeyHash
{
    public static byte[] Of(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    public static string HexOf(string key) => Convert.ToHexStringLower(Of(key));

    public static bool IsWellFormed(string? hex) =>
        hex is { Length: 64 } && hex.All(char.IsAsciiHexDigit);
}
