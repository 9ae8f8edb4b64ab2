using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

/// <summary>
/// An environment whose Secrets are synced from AWS Secrets Manager by External Secrets Operator instead of being
/// generated from git-ignored files: the overlay gets a ServiceAccount bound to <see cref="RoleArn"/> (IRSA), a
/// SecretStore that authenticates as it, and one ExternalSecret per Secret the workloads reference.
/// </summary>
public sealed class ExternalSecretsProfile
{
    /// <summary>Region of the Secrets Manager entries.</summary>
    [Required]
    public string Region { get; set; } = "";

    /// <summary>IAM role allowed to read the entries (the Terraform secrets module's external_secrets_role_arn).</summary>
    [Required]
    [RegularExpression("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", ErrorMessage = "RoleArn must be an IAM role ARN.")]
    public string RoleArn { get; set; } = "";

    /// <summary>Service account the SecretStore authenticates as; the role trusts exactly this one in the namespace.</summary>
    [Required]
    public string ServiceAccount { get; set; } = "external-secrets";

    [Required]
    public string StoreName { get; set; } = "platform-secrets";

    /// <summary>How often the operator re-reads the entries, so a rotated value reaches the Secret.</summary>
    [Required]
    public string RefreshInterval { get; set; } = "1h";

    /// <summary>Secrets Manager name per Kubernetes Secret name; every Secret the overlay references needs one.</summary>
    public Dictionary<string, string> RemoteKeys { get; set; } = new(StringComparer.Ordinal);
}
