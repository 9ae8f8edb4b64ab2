namespace Platform.ServiceDefaults.Identity;

/// <summary>
/// The client (and agent) that outgoing service calls are made for when no request is being served, such as an
/// agent run on a background worker. Flows with the async context, like <see cref="System.Diagnostics.Activity"/>.
/// </summary>
public sealed record OnBehalfOf(string ClientId, string AgentId)
{
    private static readonly AsyncLocal<OnBehalfOf?> Ambient = new();

    public static OnBehalfOf? Current => Ambient.Value;

    /// <summary>Makes calls inside the returned scope carry this identity; disposing it restores the previous one.</summary>
    public static IDisposable Begin(string clientId, string agentId = "")
    {
        var previous = Ambient.Value;
        Ambient.Value = new OnBehalfOf(clientId, agentId);
        return new Restore(previous);
    }

    private sealed class Restore(OnBehalfOf? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
