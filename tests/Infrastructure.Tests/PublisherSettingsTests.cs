using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Platform.Hosting.Kubernetes;
using Platform.Infrastructure.Tests.Support;
using Platform.Tools.PublisherSettings;

namespace Platform.Infrastructure.Tests;

/// <summary>
/// The bridge from Terraform to the manifests: recorded <c>terraform output -json</c> files in, the publisher's
/// settings file out, and that file bound onto the publisher's options the way the publish command binds it.
/// </summary>
public sealed partial class PublisherSettingsTests : IDisposable
{
    private static readonly string ProductionOutputs = Fixture("production.tfoutput.json");
    private static readonly string DevOutputs = Fixture("dev.tfoutput.json");
    private readonly TemporaryDirectory directory = new();

    [Fact]
    public void Recorded_outputs_become_each_environments_registry_managed_redis_and_external_secrets()
    {
        var production = Write(ProductionOutputs, DevOutputs)["Kubernetes"]!["Environments"]!["production"]!;

        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-production", (string?)production["Registry"]);
        Assert.Equal("platform-production", (string?)production["Namespace"]);
        Assert.Equal("platform.example.com", (string?)production["Host"]);
        Assert.Equal("10.30.240.0/20", (string?)production["ExternalServices"]!["redis"]!["Cidr"]);
        Assert.Equal(6379, (int?)production["ExternalServices"]!["redis"]!["Port"]);
        var secrets = production["ExternalSecrets"]!;
        Assert.Equal("eu-west-1", (string?)secrets["Region"]);
        Assert.Equal("arn:aws:iam::123456789012:role/platform-production-external-secrets", (string?)secrets["RoleArn"]);
        Assert.Equal("external-secrets", (string?)secrets["ServiceAccount"]);
        Assert.Equal("platform-production/llm", (string?)secrets["RemoteKeys"]!["llm"]);
        Assert.Equal("platform-production/redis-connection-string", (string?)secrets["RemoteKeys"]!["redis-connection-string"]);
    }

    [Fact]
    public void Settings_file_binds_over_the_defaults_and_keeps_what_terraform_does_not_know()
    {
        var settings = Path.Combine(directory.Path, "publisher-settings.json");
        Assert.Equal(0, SettingsCommand.Run(["--output", settings, ProductionOutputs, DevOutputs], TextWriter.Null, TextWriter.Null));
        var options = KubernetesPublisherOptions.CreateDefault();

        PublisherSettingsFile.BindInto(options, settings, directory.Path);

        var production = options.Environments["production"];
        Assert.Equal("10.30.240.0/20", production.ExternalServices["redis"].Cidr);
        Assert.Equal(6379, production.ExternalServices["redis"].Port);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/platform-production", production.Registry);
        Assert.Equal("platform-production/llm", production.ExternalSecrets!.RemoteKeys["llm"]);
        Assert.Equal("0.1.0", production.ImageTag);
        Assert.Equal(10, production.MaxReplicas);
        Assert.Equal("10.10.240.0/20", options.Environments["dev"].ExternalServices["redis"].Cidr);
        Assert.Null(options.Environments["staging"].ExternalSecrets);
        options.Validate();
    }

    [Fact]
    public void In_cluster_redis_keeps_the_stateful_set_and_takes_its_password_from_the_auth_token_entry()
    {
        var production = Write(["--in-cluster-redis"], ProductionOutputs)["Kubernetes"]!["Environments"]!["production"]!;

        Assert.Null(production["ExternalServices"]);
        Assert.Equal("platform-production/redis-auth-token", (string?)production["ExternalSecrets"]!["RemoteKeys"]!["redis-password"]);
    }

    [Fact]
    public void The_recorded_outputs_are_exactly_the_outputs_the_environments_declare()
    {
        var declared = OutputBlock().Matches(File.ReadAllText(Path.Combine(Repository.Terraform, "environments", "production", "outputs.tf")))
            .Select(match => match.Groups[1].Value).Order(StringComparer.Ordinal);
        foreach (var fixture in new[] { ProductionOutputs, DevOutputs })
        {
            var recorded = JsonNode.Parse(File.ReadAllText(fixture))!.AsObject().Select(output => output.Key).Order(StringComparer.Ordinal);
            Assert.Equal(declared, recorded);
        }

        foreach (var environment in TerraformConfigurations.Environments)
        {
            Assert.Equal(
                File.ReadAllText(Path.Combine(Repository.Terraform, "environments", "production", "outputs.tf")),
                File.ReadAllText(Path.Combine(Repository.Terraform, "environments", environment, "outputs.tf")));
        }
    }

    [Fact]
    public void Output_that_is_not_an_environments_is_refused_with_the_missing_output_named()
    {
        var foreign = Path.Combine(directory.Path, "other.json");
        File.WriteAllText(foreign, """{"vpc_id": {"sensitive": false, "type": "string", "value": "vpc-0123"}}""");
        var error = new StringWriter();

        var exitCode = SettingsCommand.Run(["--output", Path.Combine(directory.Path, "settings.json"), foreign], TextWriter.Null, error);

        Assert.Equal(1, exitCode);
        Assert.Contains("has no output 'redis'", error.ToString());
        Assert.False(File.Exists(Path.Combine(directory.Path, "settings.json")));
    }

    [Fact]
    public void Missing_arguments_print_the_usage()
    {
        var error = new StringWriter();

        Assert.Equal(2, SettingsCommand.Run([ProductionOutputs], TextWriter.Null, error));
        Assert.Contains(SettingsCommand.Usage, error.ToString());
    }

    public void Dispose() => directory.Dispose();

    private JsonNode Write(params string[] arguments)
    {
        var settings = Path.Combine(directory.Path, "publisher-settings.json");
        var error = new StringWriter();
        Assert.True(SettingsCommand.Run(["--output", settings, .. arguments], TextWriter.Null, error) == 0, error.ToString());
        return JsonNode.Parse(File.ReadAllText(settings))!;
    }

    private JsonNode Write(string[] flags, params string[] inputs) => Write([.. flags, .. inputs]);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    [GeneratedRegex("""^output "([a-z_]+)" \{""", RegexOptions.Multiline)]
    private static partial Regex OutputBlock();
}
