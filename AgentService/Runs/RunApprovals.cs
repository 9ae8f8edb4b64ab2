using Microsoft.Extensions.AI;

namespace Platform.AgentService.Runs;

/// <summary>
/// Applies approve/deny decisions to a run in <c>requires_action</c>: the answers are built from the tool calls the
/// run stored (a client names calls by id and cannot change what runs), added to the checkpoint as the framework's
/// approval responses, and the run is resumed through <see cref="RunLifecycle"/> for any worker to pick up.
/// </summary>
public sealed class RunApprovals(RunStore runs, RunLifecycle lifecycle, TimeProvider clock)
{
    public abstract record Result
    {
        public sealed record Resumed(Run Run) : Result;

        public sealed record Invalid(string Param, string Message) : Result;

        public sealed record NotWaiting(Run Run) : Result;
    }

    public async Task<Result> DecideAsync(Run run, ApprovalRequest request)
    {
        if (run.Status != RunStatus.RequiresAction || run.PendingToolCalls is not { } pending)
        {
            return new Result.NotWaiting(run);
        }

        var decisions = request.Decisions ?? [];
        for (var i = 0; i < decisions.Count; i++)
        {
            if (pending.All(call => call.Id != decisions[i].ToolCallId))
            {
                return new Result.Invalid($"decisions[{i}].tool_call_id", $"'{decisions[i].ToolCallId}' is not a pending tool call of this run.");
            }
        }

        if (pending.FirstOrDefault(call => call.RequiresApproval && decisions.All(d => d.ToolCallId != call.Id)) is { } undecided)
        {
            return new Result.Invalid("decisions", $"Tool call '{undecided.Id}' ({undecided.Name}) needs a decision.");
        }

        if (clock.GetUtcNow() >= run.DeadlineAt)
        {
            return new Result.NotWaiting(await lifecycle.ExpireAsync(run) ?? await runs.GetAsync(run.Id) ?? run);
        }

        using var activity = AgentTelemetry.Source.StartActivity("approval.decided");
        activity?.SetTag("platform.run.id", run.Id);
        activity?.SetTag("platform.approval.approved", decisions.Count(d => d.Approve));
        activity?.SetTag("platform.approval.denied", decisions.Count(d => !d.Approve));
        var checkpoint = await runs.GetCheckpointAsync(run.Id) ?? [];
        var requests = checkpoint.LastOrDefault()?.Contents.OfType<ToolApprovalRequestContent>().ToDictionary(r => r.RequestId) ?? [];
        var answers = new List<AIContent>();
        foreach (var call in pending)
        {
            if (!requests.TryGetValue(call.RequestId, out var approvalRequest))
            {
                continue;
            }

            // Calls to tools that need no approval were held only because another call in the same turn did.
            var decision = decisions.FirstOrDefault(d => d.ToolCallId == call.Id);
            var approved = decision?.Approve ?? !call.RequiresApproval;
            answers.Add(approvalRequest.CreateResponse(approved, decision?.Reason));
            if (decision is not null)
            {
                await runs.AppendEventAsync(run.Id, RunEventTypes.ApprovalDecided, new { tool_call_id = call.Id, name = call.Name, approved, reason = decision.Reason });
            }
        }

        await runs.SetCheckpointAsync(run.Id, [.. checkpoint, new ChatMessage(ChatRole.User, answers)]);
        return await lifecycle.ResumeAsync(run) is { } queued
            ? new Result.Resumed(queued)
            : new Result.NotWaiting(await runs.GetAsync(run.Id) ?? run);
    }
}
