using System.ComponentModel.DataAnnotations;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.Gateway.Authentication;

/// <summary>
/// Credentials the gateway accepts (section <c>Authentication</c>): API keys stored only as SHA-256 hashes,
/// and JWT bearer tokens when an authority or a signing key is configured.
/// </summary>
public sealed class GatewayAuthenticationOptions : IValidatableObject
{
    public const string Section = "Authentication";

    /// <summary>
    /// API keys by client id. The key itself is never configured, only its hash. A key with the <c>admin</c> scope is a
    /// bootstrap admin key: it can issue the keys kept in Redis (docs/gateway.md, "Keys and tenants").
    /// </summary>
    public Dictionary<string, ApiKeyClient> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    public JwtSettings Jwt { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (clientId, client) in ApiKeys)
        {
            if (!TenantIds.IsValidForApiKeys(clientId))
            {
                yield return new ValidationResult(
                    $"The client id '{Section}:ApiKeys:{clientId}' must be 1 to {TenantIds.MaxLength} characters: {TenantIds.Charset}, starting with a letter or digit.");
            }

            if (!ApiKeyHash.IsWellFormed(client.Sha256))
            {
                yield return new ValidationResult(
                    $"The setting '{Section}:ApiKeys:{clientId}:Sha256' must be the SHA-256 of the key as 64 hex characters.");
            }

            if (client.Scopes.Count == 0 || !client.Scopes.All(Scopes.IsKnown))
            {
                yield return new ValidationResult(
                    $"The setting '{Section}:ApiKeys:{clientId}:Scopes' must list at least one scope of: {string.Join(", ", Scopes.All)}.");
            }
        }

        foreach (var result in Jwt.Validate())
        {
            yield return result;
        }
    }
}

/// <summary>One API client: the hash of its key and the scopes it may use.</summary>
public sealed class ApiKeyClient
{
    /// <summary>Lower- or upper-case hex SHA-256 of the UTF-8 key.</summary>
    public string Sha256 { get; set; } = "";

    public List<string> Scopes { get; set; } = [];
}
