using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Platform.AgentService.Agents;

namespace Platform.AgentService.Tools.Mcp;

/// <summary>
/// What an <c>mcp</c> tool entry of an agent must hold, checked when the agent is saved: a label that makes valid
/// function names, an http(s) URL without credentials on an allowlisted host (a literal address must also pass the
/// address policy; names are resolved and vetted when a run connects).
/// </summary>
public sealed partial class McpServerRules(IOptions<McpOptions> options, IAddressPolicy policy)
{
    /// <summary>The model sees each tool as <c>{server_label}__{tool}</c>; OpenAI-style function names allow 64 of these characters.</summary>
    public const string Separator = "__";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex FunctionNamePattern();

    public int MaxServersPerAgent => options.Value.MaxServersPerAgent;

    public static string FunctionName(string label, string tool) => label + Separator + tool;

    public static bool IsValidFunctionName(string name) => FunctionNamePattern().IsMatch(name);

    private static bool IsToolName(string? name) => !string.IsNullOrWhiteSpace(name) && name.Length <= 128;

    /// <summary>(field, message) of the first problem of one entry, or null.</summary>
    public (string Field, string Message)? Check(ToolSpec spec)
    {
        var settings = options.Value;
        if (spec.ServerLabel is null || !LabelPattern().IsMatch(spec.ServerLabel))
        {
            return ("server_label", "'server_label' is required: 1-32 letters, digits, '_' or '-'.");
        }

        if (spec.ServerUrl is null || spec.ServerUrl.Length > 2048 || !Uri.TryCreate(spec.ServerUrl, UriKind.Absolute, out var url)
            || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            return ("server_url", "'server_url' must be an absolute http or https URL of at most 2048 characters.");
        }

        if (!string.IsNullOrEmpty(url.UserInfo))
        {
            return ("server_url", "'server_url' must not carry credentials.");
        }

        var scope = settings.Scope();
        var host = url.IdnHost.TrimEnd('.').Trim('[', ']');
        if (!scope.AllowsHost(host))
        {
            return ("server_url", $"The host '{host}' is not on the MCP allowlist (Tools:Mcp:AllowedHosts).");
        }

        if (System.Net.IPAddress.TryParse(host, out var literal) && !scope.AllowsPrivate(literal) && policy.Refuse(literal) is { } reason)
        {
            return ("server_url", $"The address {literal} is {reason}.");
        }

        if (spec.AllowedTools is { } allowed && (allowed.Count > settings.MaxToolsPerServer || !allowed.All(IsToolName)))
        {
            return ("allowed_tools", $"'allowed_tools' lists at most {settings.MaxToolsPerServer} tool names of 1-128 characters.");
        }

        if (spec.ToolsRequiringApproval is { } gated && (gated.Count > 256 || !gated.All(IsToolName)))
        {
            return ("tools_requiring_approval", "'tools_requiring_approval' lists at most 256 tool names of 1-128 characters.");
        }

        return spec.CollectionId is null ? null : ("collection_id", "'collection_id' belongs to 'knowledge_search' tools only.");
    }
}
