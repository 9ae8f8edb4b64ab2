using Platform.TestSupport;

namespace Platform.Gateway.Tests.Support;

/// <summary>A real redis-server, one models replica and one agents replica per test class; gateways started per test.</summary>
public abstract class GatewayTestBase : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];

    protected RedisServer Redis { get; private set; } = null!;

    protected BackendReplica Models { get; private set; } = null!;

    protected BackendReplica Agents { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Models = await BackendReplica.StartAsync("models-1");
        Agents = await BackendReplica.StartAsync("agents-1");
    }

    protected GatewaySettings Settings() => new GatewaySettings(Redis.ConnectionString).WithModels(Models).WithAgents(Agents);

    protected GatewayInstance StartGateway(GatewaySettings? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services = null) =>
        Own(GatewayInstance.Start(settings ?? Settings(), services));

    protected T Own<T>(T disposable) where T : IAsyncDisposable
    {
        _owned.Add(disposable);
        return disposable;
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var disposable in Enumerable.Reverse(_owned))
        {
            await disposable.DisposeAsync();
        }

        await Models.DisposeAsync();
        await Agents.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
