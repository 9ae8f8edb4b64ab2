namespace Platform.ServiceDefaults.Identity;

/// <summary>The two headers that make a forwarded identity verifiable: when it was signed and the signature.</summary>
public static class IdentityHeaders
{
    /// <summary>Unix time in seconds when the identity was signed.</summary>
    public const string Timestamp = "X-Platform-Identity-Timestamp";

    /// <summary><c>v1=</c> and the base64url HMAC-SHA256 of <see cref="SignedIdentity.Canonical"/>.</summary>
    public const string Signature = "X-Platform-Identity-Signature";

    public const string Version = "v1=";
}
