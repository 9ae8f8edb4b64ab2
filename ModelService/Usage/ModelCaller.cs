using System.Buffers;
using Platform.ServiceDefaults.Identity;

namespace Platform.ModelService.Usage;

/// <summary>
/// Who a model call is for: the tenant the gateway authenticated (<see cref="PlatformHeaders.ClientId"/>) and, for
/// calls an agent run makes, the agent (<see cref="PlatformHeaders.AgentId"/>), as the signed-identity middleware
/// verified them (<see cref="VerifiedIdentity"/>); never the raw headers. The one place this service reads them; a
/// call without a verified identity (only routes outside <c>/v1</c>) is metered as <see cref="Anonymous"/>.
/// </summary>
public sealed record ModelCaller(string Tenant, string? AgentId)
{
    public const string Anonymous = "anonymous";
    public const int MaxLength = 200;

    // The tenant goes into Redis keys: printable ASCII without the braces of the cluster hash tag. The agent id goes
    // into hash fields beside the model id: the agent service's own id alphabet only.
    private static readonly SearchValues<char> TenantCharacters = SearchValues.Create(
        [.. Enumerable.Range(0x21, 0x7E - 0x21 + 1).Select(c => (char)c).Where(c => c is not ('{' or '}'))]);

    private static readonly SearchValues<char> AgentCharacters = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>The caller of this request; a malformed tenant or agent id is a 400 naming the header.</summary>
    public static ModelCaller From(HttpContext context)
    {
        var identity = VerifiedIdentity.Of(context);
        var tenant = identity?.ClientId ?? "";
        var agent = identity?.AgentId ?? "";
        return new ModelCaller(
            tenant.Length == 0 ? Anonymous : Checked(tenant, TenantCharacters, PlatformHeaders.ClientId),
            agent.Length == 0 ? null : Checked(agent, AgentCharacters, PlatformHeaders.AgentId));
    }

    private static string Checked(string id, SearchValues<char> allowed, string header) =>
        id.Length <= MaxLength && !id.AsSpan().ContainsAnyExcept(allowed)
            ? id
            : throw new InvalidRequestException($"The header '{header}' is malformed.", header, code: "invalid_caller");
}
