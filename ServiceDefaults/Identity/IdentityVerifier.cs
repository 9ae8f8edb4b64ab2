using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// Checks a forwarded identity: present, signed by the current or the previous key (compared in constant time,
/// every key tried), and signed recently (within the validity plus the clock skew, and not from the future).
/// </summary>
public sealed class IdentityVerifier(IOptions<PlatformIdentityOptions> options, TimeProvider time)
{
    private const int SignatureBytes = 32;

    private readonly byte[][] _keys = [.. options.Value.KeyList().Select(Encoding.UTF8.GetBytes)];
    private readonly long _oldestAge = (long)Math.Ceiling((options.Value.Validity + options.Value.ClockSkew).TotalSeconds);
    private readonly long _newestAhead = (long)Math.Ceiling(options.Value.ClockSkew.TotalSeconds);

    public IdentityVerdict Verify(IHeaderDictionary headers)
    {
        if (Single(headers, PlatformHeaders.ClientId) is not { Length: > 0 } clientId)
        {
            return IdentityVerdict.Refused("missing_client_id", $"The request carries no client identity ({PlatformHeaders.ClientId}).");
        }

        if (Single(headers, IdentityHeaders.Signature) is not { } signature || Single(headers, IdentityHeaders.Timestamp) is not { } stamp)
        {
            return IdentityVerdict.Refused("unsigned_identity", "The client identity is not signed.");
        }

        if (!long.TryParse(stamp, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp))
        {
            return IdentityVerdict.Refused("invalid_identity", $"The header {IdentityHeaders.Timestamp} is not a Unix time in seconds.");
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (now - timestamp > _oldestAge || timestamp - now > _newestAhead)
        {
            return IdentityVerdict.Refused("expired_identity", "The client identity's signature has expired.");
        }

        var identity = new SignedIdentity(clientId, Single(headers, PlatformHeaders.Scopes) ?? "", Single(headers, RequestIds.Header) ?? "",
            Single(headers, PlatformHeaders.AgentId) ?? "", timestamp);
        return Matches(signature, identity.Canonical())
            ? IdentityVerdict.Accepted(new VerifiedIdentity(identity.ClientId, identity.Scopes, identity.AgentId, identity.RequestId))
            : IdentityVerdict.Refused("invalid_identity", "The client identity's signature does not match.");
    }

    private bool Matches(string signature, byte[] canonical)
    {
        Span<byte> given = stackalloc byte[SignatureBytes];
        if (!signature.StartsWith(IdentityHeaders.Version, StringComparison.Ordinal)
            || Base64Url.DecodeFromChars(signature.AsSpan(IdentityHeaders.Version.Length), given, out _, out var written) != OperationStatus.Done
            || written != SignatureBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[SignatureBytes];
        var matched = false;
        foreach (var key in _keys)
        {
            HMACSHA256.HashData(key, canonical, expected);
            matched |= CryptographicOperations.FixedTimeEquals(expected, given);
        }

        return matched;
    }

    /// <summary>A header sent once; repeated identity headers are refused rather than guessed between.</summary>
    private static string? Single(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count == 1 ? values.ToString() : null;
}
