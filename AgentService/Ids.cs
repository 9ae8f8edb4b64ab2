namespace Platform.AgentService;

/// <summary>Opaque, unguessable ids with a type prefix (<c>agent_…</c>, <c>thread_…</c>, <c>run_…</c>, <c>kc_…</c>).</summary>
public static class Ids
{
    public static string New(string prefix) => $"{prefix}_{Guid.NewGuid():N}";
}
