using System.Text;

namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// The facts a signature covers. The request id ties a signature to one request (a captured signature cannot be
/// replayed under another id) and the timestamp bounds how long it is valid. Header values cannot hold a line
/// feed, so joining the fields with one is unambiguous.
/// </summary>
public sealed record SignedIdentity(string ClientId, string Scopes, string RequestId, string AgentId, long Timestamp)
{
    public byte[] Canonical() =>
        Encoding.UTF8.GetBytes($"platform-identity-v1\n{ClientId}\n{Scopes}\n{RequestId}\n{AgentId}\n{Timestamp}");
}
