using System.ComponentModel.DataAnnotations;

namespace Platform.Gateway.Authentication;

/// <summary>
/// Credentials the gateway accepts (section <c>Authentication</c>): API keys stored only as SHA-256 hashes,
/// and JWT bearer tokens when an authority or a signing key is configured.
/// </summary>
public sealed class GatewayAuthenticationOptions : IValidatableObject
{
    public const string Section = "Authentication";

    /// <summary>API keys by client id. The key itself is never configured, only its hash.</summary>
    public Dictionary<string, ApiKeyClient> ApiKeys { get; set; } = new(StringComparer.Ordinal);

    public JwtSettings Jwt { get; set; } = new();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var (clientId, client) in ApiKeys)
        {
            if (!ApiKeyHash.IsWellFormed(client.Sha256))
            {
                yield return new ValidationResult(
                    $"The setting '{Section}:ApiKeys:{clientId}:Sha256' must be the SHA-256 of the key as 64 hex characters.");
            }

            if (client.Scopes.Count == 0 || client.Scopes.Any(string.IsNullOrWhiteSpace))
            {
                yield return new ValidationResult($"The setting '{Section}:ApiKeys:{clientId}:Scopes' must list at least one scope.");
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
