using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Platform.Tools.PlatformKeys;

/// <summary>
/// <c>platform-keys</c>: create, list, show, rotate, expire, revoke and delete API keys, and read or change a tenant's quotas,
/// through the gateway's admin API. The admin key comes from <see cref="AdminKeyVariable"/>, never from the command
/// line (where it would land in shell history and process lists).
/// </summary>
public static class KeysCommand
{
    public const string AdminKeyVariable = "PLATFORM_ADMIN_KEY";
    public const string GatewayVariable = "PLATFORM_GATEWAY";
    public const string DefaultGateway = "http://localhost:8080";

    public const string Usage = """
        Usage: platform-keys <command> [options]

          create --tenant <id> [--scope models|agents|admin]... [--name <text>]
                 [--expires <time> | --expires-in <30d|12h|45m>] [--quota <name>=<integer>]...
          list [--tenant <id>] [--limit <1-1000>] [--after <key-id>]
          show <key-id>
          rotate <key-id>                       new secret, same id; the old secret stops working
          expire <key-id> [--at <time> | --in <duration>]   now by default
          revoke <key-id>
          delete <key-id>                       only once expired or revoked; frees the tenant's allowance of keys
          quotas <tenant> [--set <name>=<integer>]... [--unset <name>]...

        Every command: --gateway <url> (default $PLATFORM_GATEWAY, else http://localhost:8080), --json (print the API's answer).
        The admin key is read from $PLATFORM_ADMIN_KEY. Times are ISO 8601 (UTC unless an offset is given).
        Exit codes: 0 done, 1 refused by the gateway, 2 wrong usage, 3 gateway unreachable.

        """;

    public static async Task<int> RunAsync(string[] args, Func<string, string?> environment, TextWriter output, TextWriter error)
    {
        string? gateway = null;
        try
        {
            var arguments = Arguments.Parse(args);
            if (arguments.Command is null or "help" || arguments.Has("--help"))
            {
                output.Write(Usage);
                return arguments.Command is null && !arguments.Has("--help") ? 2 : 0;
            }

            gateway = arguments.Single("--gateway") ?? environment(GatewayVariable) ?? DefaultGateway;
            if (!Uri.TryCreate(gateway, UriKind.Absolute, out var gatewayUri) || gatewayUri.Scheme is not ("http" or "https"))
            {
                throw new UsageException($"'--gateway' must be an http or https URL, not '{gateway}'.");
            }

            var adminKey = environment(AdminKeyVariable) is { Length: > 0 } key
                ? key
                : throw new UsageException($"Set {AdminKeyVariable} to an admin key (a key with the 'admin' scope).");
            using var client = new AdminClient(gatewayUri, adminKey);
            var (answer, print) = await ExecuteAsync(arguments, client);
            if (arguments.Has("--json"))
            {
                output.WriteLine(JsonSerializer.Serialize(answer, Indented));
            }
            else
            {
                print(answer, output);
            }

            return 0;
        }
        catch (UsageException exception)
        {
            error.WriteLine($"platform-keys: {exception.Message}");
            error.WriteLine("Run 'platform-keys help' for usage.");
            return 2;
        }
        catch (ApiException exception)
        {
            error.WriteLine($"platform-keys: {exception.Message}");
            return 1;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            error.WriteLine($"platform-keys: cannot reach the gateway at {gateway}: {exception.Message}");
            return 3;
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static async Task<(JsonElement Answer, Action<JsonElement, TextWriter> Print)> ExecuteAsync(Arguments arguments, AdminClient client)
    {
        switch (arguments.Command)
        {
            case "create":
                arguments.Allow("--tenant", "--scope", "--name", "--expires", "--expires-in", "--quota");
                return (await client.SendAsync(HttpMethod.Post, "/v1/admin/keys", CreateBody(arguments)), KeyOutput.Issued);
            case "list":
                arguments.Allow("--tenant", "--limit", "--after");
                return (await client.SendAsync(HttpMethod.Get, "/v1/admin/keys" + ListQuery(arguments)), KeyOutput.List);
            case "show":
                arguments.Allow();
                return (await client.SendAsync(HttpMethod.Get, KeyPath(arguments)), KeyOutput.One);
            case "rotate":
                arguments.Allow();
                return (await client.SendAsync(HttpMethod.Post, KeyPath(arguments) + "/rotate"), KeyOutput.Issued);
            case "expire":
                arguments.Allow("--at", "--in");
                var at = Time(arguments, "--at", "--in");
                var body = at is null ? null : new JsonObject { ["at"] = at.Value.ToUnixTimeSeconds() };
                return (await client.SendAsync(HttpMethod.Post, KeyPath(arguments) + "/expire", body), KeyOutput.One);
            case "revoke":
                arguments.Allow();
                return (await client.SendAsync(HttpMethod.Post, KeyPath(arguments) + "/revoke"), KeyOutput.One);
            case "delete":
                arguments.Allow();
                return (await client.SendAsync(HttpMethod.Delete, KeyPath(arguments)), KeyOutput.Deleted);
            case "quotas":
                arguments.Allow("--set", "--unset");
                var path = $"/v1/admin/tenants/{Uri.EscapeDataString(arguments.Target("tenant"))}/quotas";
                var changes = QuotaChanges(arguments, "--set", "--unset");
                return changes.Count == 0
                    ? (await client.SendAsync(HttpMethod.Get, path), KeyOutput.Quotas)
                    : (await client.SendAsync(HttpMethod.Patch, path, new JsonObject { ["quotas"] = changes }), KeyOutput.Quotas);
            default:
                throw new UsageException($"Unknown command '{arguments.Command}'.");
        }
    }

    private static JsonObject CreateBody(Arguments arguments)
    {
        var body = new JsonObject
        {
            ["tenant"] = arguments.Single("--tenant") ?? throw new UsageException("'create' needs --tenant <id>."),
        };
        if (arguments.All("--scope") is { Count: > 0 } scopes)
        {
            body["scopes"] = new JsonArray([.. scopes.Select(scope => (JsonNode)scope)]);
        }

        if (arguments.Single("--name") is { } name)
        {
            body["name"] = name;
        }

        if (Time(arguments, "--expires", "--expires-in") is { } expires)
        {
            body["expires_at"] = expires.ToUnixTimeSeconds();
        }

        var quotas = QuotaChanges(arguments, "--quota", null);
        if (quotas.Count > 0)
        {
            body["quotas"] = quotas;
        }

        return body;
    }

    private static string ListQuery(Arguments arguments)
    {
        var parameters = new[] { "tenant", "limit", "after" }
            .Select(name => (name, value: arguments.Single("--" + name)))
            .Where(parameter => parameter.value is not null)
            .Select(parameter => $"{parameter.name}={Uri.EscapeDataString(parameter.value!)}");
        var query = string.Join('&', parameters);
        return query.Length == 0 ? "" : "?" + query;
    }

    private static string KeyPath(Arguments arguments) => "/v1/admin/keys/" + Uri.EscapeDataString(arguments.Target("key id"));

    private static JsonObject QuotaChanges(Arguments arguments, string setOption, string? unsetOption)
    {
        var changes = new JsonObject();
        foreach (var assignment in arguments.All(setOption))
        {
            if (assignment.Split('=', 2) is not [var name, var text] || !long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                throw new UsageException($"'{setOption} {assignment}' must be <name>=<integer>, such as requests_per_minute=120.");
            }

            changes[name] = value;
        }

        foreach (var name in unsetOption is null ? [] : arguments.All(unsetOption))
        {
            changes[name] = null;
        }

        return changes;
    }

    /// <summary>An absolute time from <paramref name="atOption"/> or a duration from now from <paramref name="inOption"/>.</summary>
    private static DateTimeOffset? Time(Arguments arguments, string atOption, string inOption)
    {
        var at = arguments.Single(atOption);
        var after = arguments.Single(inOption);
        if (at is not null && after is not null)
        {
            throw new UsageException($"Give '{atOption}' or '{inOption}', not both.");
        }

        if (at is not null)
        {
            return DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time
                : throw new UsageException($"'{atOption} {at}' is not a time; use ISO 8601, such as 2027-01-31T00:00:00Z.");
        }

        return after is null ? null : DateTimeOffset.UtcNow + Durations.Parse(after, inOption);
    }
}
