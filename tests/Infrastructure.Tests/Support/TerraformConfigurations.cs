namespace Platform.Infrastructure.Tests.Support;

/// <summary>Every Terraform configuration under deploy/terraform, relative to it: the unit of init, validate and test.</summary>
public static class TerraformConfigurations
{
    public static readonly string[] Environments = ["dev", "staging", "production"];

    public static readonly string[] Modules = ["network", "cluster", "registry", "redis", "secrets", "dns-tls", "platform"];

    public static IEnumerable<string> All =>
        [
            "shared/bootstrap",
            .. Modules.Select(module => $"modules/{module}"),
            .. Environments.Select(environment => $"environments/{environment}"),
        ];

    public static TheoryData<string> AllAsTheoryData => [.. All];
}
