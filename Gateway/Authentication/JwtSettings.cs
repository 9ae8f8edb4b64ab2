using System.ComponentModel.DataAnnotations;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Gateway.Authentication;

/// <summary>
/// JWT bearer validation (section <c>Authentication:Jwt</c>). Off unless <see cref="Authority"/> (an OpenID
/// Connect issuer, keys from its metadata) or <see cref="SigningKey"/> (a shared HMAC key) is set. When on, the
/// audience is always checked unless <see cref="AllowAnyAudience"/> opts out, and the issuer is always checked.
/// </summary>
public sealed class JwtSettings
{
    public string? Authority { get; set; }

    /// <summary>Expected <c>aud</c>; required when JWT is on, unless <see cref="AllowAnyAudience"/> is set.</summary>
    public string? Audience { get; set; }

    /// <summary>
    /// Accept tokens whatever their audience: only for an issuer that mints tokens for this platform alone.
    /// Default false, so a token issued for another application of the same issuer is refused.
    /// </summary>
    public bool AllowAnyAudience { get; set; }

    /// <summary>Expected <c>iss</c>; required with <see cref="SigningKey"/> (an authority's metadata names its own).</summary>
    public string? Issuer { get; set; }

    /// <summary>HMAC-SHA256 key (UTF-8, at least 32 bytes) for issuers without metadata, such as tests.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Claims read for the client id, first present wins.</summary>
    public List<string> ClientIdClaims { get; set; } = ["azp", "client_id", "sub"];

    /// <summary>
    /// Prefix of every tenant a token names: the tenant is <c>&lt;alias&gt;~&lt;client id&gt;</c>, so a token can never
    /// act as an API-key tenant (whose ids never contain <c>~</c>). Default <c>jwt</c>.
    /// </summary>
    public string IssuerAlias { get; set; } = "jwt";

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);

    /// <summary>The tenant a token naming <paramref name="clientId"/> acts as.</summary>
    public string TenantOf(string clientId) => $"{IssuerAlias}{TenantIds.NamespaceSeparator}{clientId}";

    internal IEnumerable<ValidationResult> Validate()
    {
        const string section = GatewayAuthenticationOptions.Section + ":Jwt";
        if (!string.IsNullOrWhiteSpace(SigningKey) && System.Text.Encoding.UTF8.GetByteCount(SigningKey) < 32)
        {
            yield return new ValidationResult($"The setting '{section}:SigningKey' must be at least 32 bytes.");
        }

        if (!string.IsNullOrWhiteSpace(Authority) && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return new ValidationResult($"The setting '{section}:Authority' must be an absolute URL.");
        }

        if (!Enabled)
        {
            yield break;
        }

        if (ClientIdClaims.Count == 0)
        {
            yield return new ValidationResult($"The setting '{section}:ClientIdClaims' must name at least one claim.");
        }

        if (string.IsNullOrWhiteSpace(Audience) && !AllowAnyAudience)
        {
            yield return new ValidationResult(
                $"The setting '{section}:Audience' must name the audience tokens are issued for (or set '{section}:AllowAnyAudience' to true to accept any).");
        }

        if (!string.IsNullOrWhiteSpace(SigningKey) && string.IsNullOrWhiteSpace(Issuer))
        {
            yield return new ValidationResult($"The setting '{section}:Issuer' must name the expected issuer when '{section}:SigningKey' is set.");
        }

        if (!IsValidAlias(IssuerAlias))
        {
            yield return new ValidationResult(
                $"The setting '{section}:IssuerAlias' must be 1 to 32 lower-case letters, digits or '-', starting with a letter or digit.");
        }
    }

    private static bool IsValidAlias(string? alias) =>
        alias is { Length: > 0 and <= 32 } && char.IsAsciiLetterOrDigit(alias[0])
        && alias.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');
}
