namespace Platform.AgentService.Models;

/// <summary>
/// Whom the model calls made in this async flow are for: the run's owner (the tenant) and its agent. A run executes
/// in the background, far from the request that started it, so its executor opens a scope and
/// <see cref="ModelCallerHandler"/> turns it into headers on every call to the models service.
/// </summary>
public sealed class ModelCallScope : IDisposable
{
    private static readonly AsyncLocal<ModelCallScope?> Ambient = new();

    private readonly ModelCallScope? _outer;

    private ModelCallScope(string tenant, string? agentId)
    {
        Tenant = tenant;
        AgentId = agentId;
        _outer = Ambient.Value;
        Ambient.Value = this;
    }

    public static ModelCallScope? Current => Ambient.Value;

    public string Tenant { get; }

    public string? AgentId { get; }

    public static ModelCallScope Begin(string tenant, string? agentId) => new(tenant, agentId);

    public void Dispose() => Ambient.Value = _outer;
}
