using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.Authentication;

/// <summary>
/// Finds the client a presented key belongs to. Every configured hash is compared in constant time and the
/// loop never stops early, so response timing does not reveal how much of a hash matched or which entry did.
/// </summary>
public sealed class ApiKeyStore(IOptions<GatewayAuthenticationOptions> options)
{
    private readonly StoredKey[] _keys = options.Value.ApiKeys
        .Select(entry => new StoredKey(entry.Key, Convert.FromHexString(entry.Value.Sha256), [.. entry.Value.Scopes]))
        .ToArray();

    public bool IsEmpty => _keys.Length == 0;

    public StoredKey? Find(string presentedKey)
    {
        var presented = ApiKeyHash.Of(presentedKey);
        StoredKey? match = null;
        foreach (var key in _keys)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, key.Hash))
            {
                match = key;
            }
        }

        return match;
    }

    public sealed record StoredKey(string ClientId, byte[] Hash, string[] Scopes)
    {
        /// <summary>The authentication result every request presenting this key gets.</summary>
        internal Task<AuthenticateResult> Authenticated { get; } = ApiKeyAuthenticationHandler.AuthenticatedAs(ClientId, Scopes);
    }
}
