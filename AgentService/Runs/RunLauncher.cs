using Microsoft.Extensions.Options;
using Platform.AgentService.Agents;
using Platform.AgentService.Quotas;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Runs;

/// <summary>
/// Builds new runs (idempotency keys, limits from the agent or the defaults, capped by the tenant's <c>max_steps</c>
/// and <c>max_deadline_seconds</c>) and hands them to the lifecycle.
/// </summary>
public sealed class RunLauncher(RunStore runs, RunLifecycle lifecycle, TenantLimits tenants, TimeProvider clock, IOptions<RunOptions> options)
{
    public abstract record Result
    {
        /// <summary>Created: started at once, or waiting its turn behind the thread's active run.</summary>
        public sealed record Created(Run Run) : Result;

        public sealed record Existing(Run Run) : Result;

        public sealed record ThreadBusy(string ActiveRunId) : Result;

        public sealed record ThreadQueueFull(string ActiveRunId) : Result;
    }

    public Task<Result> StartAsync(string caller, AgentThread thread, AgentDefinition agent, CreateRunRequest request, MultitaskStrategy strategy, string? idempotencyKey) =>
        StartAsync(caller, thread, agent, new RunInput(request.Input!, request.Background), strategy, idempotencyKey);

    public async Task<Result> StartAsync(string caller, AgentThread thread, AgentDefinition agent, RunInput input, MultitaskStrategy strategy, string? idempotencyKey)
    {
        var runId = Ids.New("run");
        if (idempotencyKey is not null && await runs.ClaimIdempotencyKeyAsync(caller, idempotencyKey, runId) is { } existingId)
        {
            // The first request may still be creating it: wait briefly for the record to appear.
            for (var i = 0; i < 50; i++)
            {
                if (await runs.FindAsync(existingId, caller) is { } existing)
                {
                    return new Result.Existing(existing);
                }

                await Task.Delay(20);
            }
        }

        var settings = options.Value;
        var limits = await tenants.ForAsync(caller);
        var now = clock.GetUtcNow();
        // Agents stored before a cap was lowered, and seeded ones, are held to the tenant's current caps too.
        var deadline = agent.Limits.DeadlineSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : settings.DefaultDeadline;
        var run = new Run
        {
            Id = runId,
            Owner = caller,
            ThreadId = thread.Id,
            Agent = agent,
            Input = input.Text,
            InputMessages = input.Messages,
            ClientTools = input.ClientTools,
            Background = input.Background,
            MaxSteps = Math.Min(agent.Limits.MaxSteps ?? settings.DefaultMaxSteps, limits.MaxSteps),
            CreatedAt = now,
            DeadlineAt = now + (deadline < limits.MaxDeadline ? deadline : limits.MaxDeadline),
        };

        var entered = await lifecycle.CreateAsync(run, strategy);
        if (entered is RunLifecycle.Entered.Busy or RunLifecycle.Entered.QueueFull or RunLifecycle.Entered.OverQuota && idempotencyKey is not null)
        {
            await runs.ForgetIdempotencyKeyAsync(caller, idempotencyKey);
        }

        return entered switch
        {
            RunLifecycle.Entered.OverQuota over => throw QuotaExceededException.For(ServiceDefaults.Tenancy.TenantQuota.ActiveRuns, over.Limits),
            RunLifecycle.Entered.Busy busy => new Result.ThreadBusy(busy.ActiveRunId),
            RunLifecycle.Entered.QueueFull full => new Result.ThreadQueueFull(full.ActiveRunId),
            _ => new Result.Created(run),
        };
    }
}

/// <summary>
/// What a new run starts from: its input as text, and, when the input is richer than one user text, as chat messages
/// (<see cref="Run.InputMessages"/>), with the functions the client executes itself.
/// </summary>
public sealed record RunInput(string Text, bool Background, string? Messages = null, IReadOnlyList<ClientTool>? ClientTools = null);
