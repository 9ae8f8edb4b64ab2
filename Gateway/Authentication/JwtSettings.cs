using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Authentication;

/// <summary>
/// JWT bearer validation (section <c>Authentication:Jwt</c>). Off unless <see cref="Authority"/> (an OpenID
/// Connect issuer, keys from its metadata) or <see cref="SigningKey"/> (a shared HMAC key) is set.
/// </summary>
public sealed class JwtSettings
{
    public string? Authority { get; set; }

    /// <summary>Expected <c>aud</c>; when empty the audience is not checked.</summary>
    public string? Audience { get; set; }

    /// <summary>Expected <c>iss</c> when validating with <see cref="SigningKey"/>; when empty the issuer is not checked.</summary>
    public string? Issuer { get; set; }

    /// <summary>HMAC-SHA256 key (UTF-8, at least 32 bytes) for issuers without metadata, such as tests.</summary>
    public string? SigningKey { get; set; }

    /// <summary>Claims read for the client id, first present wins.</summary>
    public List<string> ClientIdClaims { get; set; } = ["azp", "client_id", "sub"];

    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) || !string.IsNullOrWhiteSpace(SigningKey);

    internal IEnumerable<ValidationResult> Validate()
    {
        if (!string.IsNullOrWhiteSpace(SigningKey) && System.Text.Encoding.UTF8.GetByteCount(SigningKey) < 32)
        {
            yield return new ValidationResult("The setting 'Authentication:Jwt:SigningKey' must be at least 32 bytes.");
        }

        if (!string.IsNullOrWhiteSpace(Authority) && !Uri.TryCreate(Authority, UriKind.Absolute, out _))
        {
            yield return new ValidationResult("The setting 'Authentication:Jwt:Authority' must be an absolute URL.");
        }

        if (Enabled && ClientIdClaims.Count == 0)
        {
            yield return new ValidationResult("The setting 'Authentication:Jwt:ClientIdClaims' must name at least one claim.");
        }
    }
}
