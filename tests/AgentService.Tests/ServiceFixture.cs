using Platform.TestSupport;

namespace Platform.AgentService.Tests;

/// <summary>One redis-server, one scripted LLM and one agent service shared by the tests of a class.</summary>
public sealed class ServiceFixture : IAsyncLifetime
{
    public const string SeededAgentId = "agent_shared_clock";

    public RedisServer Redis { get; private set; } = null!;
    public ScriptedLlmServer Llm { get; private set; } = null!;
    public AgentServiceHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Redis = await RedisServer.StartAsync();
        Llm = await ScriptedLlmServer.StartAsync();
        Host = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, new Dictionary<string, string?>
        {
            ["Agents:Seed:0:Id"] = SeededAgentId,
            ["Agents:Seed:0:Name"] = "Shared clock",
            ["Agents:Seed:0:Model"] = "test-model",
            ["Agents:Seed:0:Instructions"] = "Tell the time.",
            ["Agents:Seed:0:Tools:0:Type"] = "current_time",
            ["Knowledge:ChunkTokens"] = "100",
            ["Knowledge:ChunkOverlapTokens"] = "20",
            ["Knowledge:MaxDocumentChars"] = "5000",
            ["Runs:MaxInputChars"] = "1000",
        });
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Llm.DisposeAsync();
        await Redis.DisposeAsync();
    }
}
