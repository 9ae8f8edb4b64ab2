using Microsoft.Extensions.Options;
using Platform.AgentService.Quotas;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.AgentService.Agents;

/// <summary>
/// Agents in Redis (<c>agent:{id}</c>, one set of ids per client) plus the shared agents seeded from configuration.
/// Each stored agent counts against its owner's <c>agents</c> and <c>stored_bytes</c> quotas (<see cref="TenantLedger"/>).
/// </summary>
public sealed class AgentStore(IConnectionMultiplexer redis, IOptions<AgentOptions> options, TimeProvider clock)
{
    private readonly Dictionary<string, AgentDefinition> _seeded = options.Value.Seed.ToDictionary(
        seed => seed.Id,
        seed => new AgentDefinition
        {
            Id = seed.Id,
            Name = seed.Name,
            Instructions = seed.Instructions,
            Model = seed.Model,
            Tools = seed.Tools,
            Limits = new AgentLimits { MaxSteps = seed.MaxSteps, DeadlineSeconds = seed.DeadlineSeconds },
            CreatedAt = DateTimeOffset.UnixEpoch,
        });

    private IDatabase Db => redis.GetDatabase();

    private static RedisKey Key(string id) => $"agent:{id}";

    private static RedisKey OwnedKey(string owner) => $"client:{owner}:agents";

    /// <summary>The agent if the caller may see it: their own or a shared one; otherwise null (never another client's).</summary>
    public async Task<AgentDefinition?> FindAsync(string id, string caller)
    {
        if (_seeded.TryGetValue(id, out var seeded))
        {
            return seeded;
        }

        var agent = AgentJson.Deserialize<AgentDefinition>(await Db.StringGetAsync(Key(id)));
        return agent?.Owner == caller ? agent : null;
    }

    public async Task<IReadOnlyList<AgentDefinition>> ListAsync(string caller)
    {
        var ids = await Db.SetMembersAsync(OwnedKey(caller));
        var values = ids.Length == 0 ? [] : await Db.StringGetAsync(ids.Select(id => Key(id!)).ToArray());
        var owned = values.Select(value => AgentJson.Deserialize<AgentDefinition>(value))
            .OfType<AgentDefinition>()
            .Where(agent => agent.Owner == caller);
        return _seeded.Values.Concat(owned.OrderBy(agent => agent.CreatedAt)).ToList();
    }

    /// <summary>Creates or replaces the agent; throws <see cref="QuotaExceededException"/> (nothing written) over a quota.</summary>
    public async Task SaveAsync(AgentDefinition agent, TenantLimitSet limits)
    {
        var owner = agent.Owner ?? throw new InvalidOperationException("Shared agents are not stored.");
        var put = new LedgerWrites.Put(owner, TenantQuota.Agents, agent.Id, Key(agent.Id), AgentJson.Serialize(agent), limits.Agents, limits.StoredBytes)
        {
            Owned = OwnedKey(owner),
        };
        if (await LedgerWrites.PutAsync(Db, put, clock.GetUtcNow()) is { } refused)
        {
            throw QuotaExceededException.For(refused, limits);
        }
    }

    public Task DeleteAsync(AgentDefinition agent) =>
        LedgerWrites.RemoveAsync(Db, agent.Owner!, agent.Id, OwnedKey(agent.Owner!), [TenantLedger.Member(TenantQuota.Agents, agent.Id)], [Key(agent.Id)]);
}
