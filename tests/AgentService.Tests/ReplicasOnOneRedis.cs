using Platform.TestSupport;

namespace Platform.AgentService.Tests;

/// <summary>
/// What tests of several agent replicas share: one redis-server, one scripted model, and a gate that holds a model
/// reply forever, so a worker can be stopped in the middle of a call.
/// </summary>
public abstract class ReplicasOnOneRedis : IAsyncLifetime
{
    protected TaskCompletionSource NeverReleased { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected RedisServer Redis { get; private set; } = null!;

    protected ScriptedLlmServer Llm { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Llm = await ScriptedLlmServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        NeverReleased.TrySetResult();
        await Llm.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
