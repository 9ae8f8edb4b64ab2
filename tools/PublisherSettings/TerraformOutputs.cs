using System.Text.Json;

namespace Platform.Tools.PublisherSettings;

/// <summary>
/// The outputs of one environment (deploy/terraform/environments/*/outputs.tf) as <c>terraform output -json</c>
/// prints them: each output is an object whose <c>value</c> holds the data.
/// </summary>
public sealed record TerraformOutputs(
    string Environment,
    string Region,
    string Namespace,
    string Registry,
    ManagedRedis Redis,
    SecretsManagerAccess ExternalSecrets,
    string Host)
{
    public static TerraformOutputs Parse(string json, string source)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        JsonElement Value(string name) =>
            root.TryGetProperty(name, out var output) && output.TryGetProperty("value", out var value)
                ? value
                : throw new FormatException($"{source} has no output '{name}': is it the `terraform output -json` of a deploy/terraform environment?");
        string Text(JsonElement element, string property, string output) =>
            element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new FormatException($"{source}: output '{output}' has no '{property}'.");

        var redis = Value("redis");
        var secrets = Value("external_secrets");
        return new TerraformOutputs(
            Value("environment").GetString()!,
            Value("region").GetString()!,
            Value("namespace").GetString()!,
            Value("registry").GetString()!,
            new ManagedRedis(Text(redis, "primary_endpoint", "redis"), Text(redis, "cidr", "redis"), redis.GetProperty("port").GetInt32()),
            new SecretsManagerAccess(
                Text(secrets, "role_arn", "external_secrets"),
                Text(secrets, "service_account", "external_secrets"),
                secrets.GetProperty("secrets").EnumerateObject().ToDictionary(entry => entry.Name, entry => entry.Value.GetString()!, StringComparer.Ordinal)),
            Text(Value("ingress"), "host", "ingress"));
    }
}

/// <summary>The managed Redis: its endpoint, the data-tier range its nodes live in and its TLS port.</summary>
public sealed record ManagedRedis(string PrimaryEndpoint, string Cidr, int Port);

/// <summary>What External Secrets Operator needs: the role, its service account and the remote name of each Secret.</summary>
public sealed record SecretsManagerAccess(string RoleArn, string ServiceAccount, IReadOnlyDictionary<string, string> Secrets);
