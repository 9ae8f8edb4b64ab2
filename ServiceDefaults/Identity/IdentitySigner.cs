using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults.Identity;

/// <summary>Signs a forwarded identity with the current key (HMAC-SHA256), stamped with the time of signing.</summary>
public sealed class IdentitySigner(IOptions<PlatformIdentityOptions> options, TimeProvider time)
{
    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.KeyList()[0]);

    /// <summary>Calls <paramref name="setHeader"/> with the identity's headers, the timestamp and the signature.</summary>
    public void Sign(string clientId, string scopes, string requestId, string agentId, Action<string, string> setHeader)
    {
        var identity = new SignedIdentity(clientId, scopes, requestId, agentId, time.GetUtcNow().ToUnixTimeSeconds());
        setHeader(PlatformHeaders.ClientId, clientId);
        if (scopes.Length > 0)
        {
            setHeader(PlatformHeaders.Scopes, scopes);
        }

        if (agentId.Length > 0)
        {
            setHeader(PlatformHeaders.AgentId, agentId);
        }

        setHeader(IdentityHeaders.Timestamp, identity.Timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        setHeader(IdentityHeaders.Signature, SignatureOf(_key, identity));
    }

    internal static string SignatureOf(byte[] key, SignedIdentity identity) =>
        IdentityHeaders.Version + Base64Url.EncodeToString(HMACSHA256.HashData(key, identity.Canonical()));
}
