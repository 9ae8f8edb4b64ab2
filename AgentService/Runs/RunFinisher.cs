using Microsoft.Extensions.AI;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Runs;

/// <summary>Moves runs to their stopping statuses, releasing the thread and recording metrics once.</summary>
public sealed class RunFinisher(RunStore runs, ThreadStore threads, AgentTelemetry telemetry, TimeProvider clock, ILogger<RunFinisher> logger)
{
    private static readonly RunStatus[] Unfinished = [RunStatus.Queued, RunStatus.Running, RunStatus.RequiresAction];

    /// <summary>Ends the run unless it already ended; returns the run as stored.</summary>
    public Task<Run> FinishAsync(Run run, RunStatus status, string? reason, string? error) =>
        FinishFromAsync(run, status, reason, error, Unfinished);

    /// <summary>Ends the run only if it is in one of <paramref name="from"/>.</summary>
    public async Task<Run> FinishFromAsync(Run run, RunStatus status, string? reason, string? error, params RunStatus[] from)
    {
        var finished = run with { Status = status, Reason = reason, Error = error, PendingToolCalls = null, CompletedAt = clock.GetUtcNow() };
        if (!await runs.TransitionAsync(finished, from))
        {
            return await runs.GetAsync(run.Id) ?? run;
        }

        if (status != RunStatus.Succeeded)
        {
            // The question stays in the history even when no answer came; the run's events say why.
            var history = await threads.GetMessagesAsync(run.ThreadId);
            history.Add(new ChatMessage(ChatRole.User, run.Input));
            await threads.SetMessagesAsync(run.ThreadId, history);
        }

        await threads.ReleaseAsync(run.ThreadId, run.Id);
        await runs.UntrackWaitingAsync(run.Id);
        telemetry.RunReached(finished);
        logger.LogInformation("Run {RunId} ended {Status} ({Reason}) after {Steps} steps", run.Id, RunStatusNames.Of(status), reason ?? "-", finished.Steps);
        return finished;
    }

    public async Task PauseAsync(Run run, IReadOnlyList<PendingToolCall> pending)
    {
        using var activity = AgentTelemetry.Source.StartActivity("approval.requested");
        activity?.SetTag("platform.run.id", run.Id);
        activity?.SetTag("platform.approval.tool_calls", string.Join(",", pending.Select(call => call.Name)));
        await runs.AppendEventAsync(run.Id, RunEventTypes.ApprovalRequested, new { tool_calls = pending });
        var paused = run with { Status = RunStatus.RequiresAction, PendingToolCalls = pending };
        if (await runs.TransitionAsync(paused, RunStatus.Running))
        {
            await runs.TrackWaitingAsync(paused);
            telemetry.RunReached(paused);
            logger.LogInformation("Run {RunId} waits for approval of {Count} tool calls", run.Id, pending.Count);
        }
    }

    /// <summary>Expires runs whose deadline passed while they waited for approval.</summary>
    public async Task ExpireOverdueWaitingAsync()
    {
        foreach (var runId in await runs.OverdueWaitingAsync(clock.GetUtcNow(), 100))
        {
            if (await runs.GetAsync(runId) is { Status: RunStatus.RequiresAction } run)
            {
                await FinishFromAsync(run, RunStatus.Expired, "deadline_exceeded", "The run's deadline passed while it waited for approval.", RunStatus.RequiresAction);
            }

            await runs.UntrackWaitingAsync(runId);
        }
    }
}
