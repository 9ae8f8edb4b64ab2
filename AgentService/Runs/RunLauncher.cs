using Microsoft.Extensions.Options;
using Platform.AgentService.Agents;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Runs;

/// <summary>Creates runs: one active run per thread, idempotency keys, limits from the agent or the defaults.</summary>
public sealed class RunLauncher(RunStore runs, RunQueue queue, ThreadStore threads, AgentTelemetry telemetry, TimeProvider clock, IOptions<RunOptions> options)
{
    public abstract record Result
    {
        public sealed record Created(Run Run) : Result;

        public sealed record Existing(Run Run) : Result;

        public sealed record ThreadBusy(string ActiveRunId) : Result;
    }

    /// <summary>
    /// Takes the thread from a run that ended (or vanished) without releasing it, e.g. a replica that died between
    /// the two steps; a live run keeps it.
    /// </summary>
    private async Task<bool> TakeOverStaleAsync(string threadId, string runId)
    {
        var holder = await threads.ActiveRunAsync(threadId);
        if (holder is null)
        {
            return await threads.TryTakeAsync(threadId, runId);
        }

        return await runs.GetAsync(holder) is not { IsTerminal: false } && await threads.ReplaceAsync(threadId, holder, runId);
    }

    public async Task<Result> StartAsync(string caller, AgentThread thread, AgentDefinition agent, CreateRunRequest request, string? idempotencyKey)
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
        var now = clock.GetUtcNow();
        var run = new Run
        {
            Id = runId,
            Owner = caller,
            ThreadId = thread.Id,
            Agent = agent,
            Input = request.Input!,
            Background = request.Background,
            MaxSteps = agent.Limits.MaxSteps ?? settings.DefaultMaxSteps,
            CreatedAt = now,
            DeadlineAt = now + (agent.Limits.DeadlineSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : settings.DefaultDeadline),
        };

        // The record exists before the thread points at it, so a thread lock always names a real run.
        await runs.CreateAsync(run);
        if (!await threads.TryTakeAsync(thread.Id, runId) && !await TakeOverStaleAsync(thread.Id, runId))
        {
            await runs.DeleteAsync(runId);
            if (idempotencyKey is not null)
            {
                await runs.ForgetIdempotencyKeyAsync(caller, idempotencyKey);
            }

            return new Result.ThreadBusy(await threads.ActiveRunAsync(thread.Id) ?? "");
        }

        await queue.EnqueueAsync(run.Id);
        telemetry.RunReached(run);
        return new Result.Created(run);
    }
}
