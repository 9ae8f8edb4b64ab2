using Platform.ServiceDefaults.Identity;
using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using Platform.AgentService.Models;
using Platform.AgentService.Threads;
using Platform.AgentService.Tools;

namespace Platform.AgentService.Runs;

/// <summary>What a run's agent loop ended with: an answer, or tool calls waiting for approval.</summary>
public abstract record RunOutcome
{
    /// <summary>The answer, and the whole conversation that becomes the thread's history.</summary>
    public sealed record Answered(string Output, IReadOnlyList<ChatMessage> Conversation) : RunOutcome;

    public sealed record NeedsApproval(IReadOnlyList<PendingToolCall> Pending) : RunOutcome;
}

/// <summary>
/// Runs the agent loop of Microsoft Agent Framework (<see cref="ChatClientAgent"/>, whose function-invoking client
/// calls the tools and stops at tools that need approval) over the model client, starting from the run's checkpoint.
/// The framework's approval primitives are used as they are, with one change: which calls were asked for and which
/// were answered is kept in the run record in Redis rather than in an in-memory agent session, so any replica can
/// resume a paused run and a client can only approve the calls the run actually surfaced.
/// </summary>
public sealed class RunExecutor(
    ModelClients models,
    ToolCatalog tools,
    RunStore runs,
    ThreadStore threads,
    AgentTelemetry telemetry,
    DeltaWriterFactory deltas,
    ILoggerFactory loggers)
{
    public async Task<RunOutcome> ExecuteAsync(RunProgress progress, CancellationToken cancellationToken)
    {
        var run = progress.Run;
        // Model calls of the run are made for its owner and agent, and signed as such (ADR 0035).
        using var onBehalfOf = OnBehalfOf.Begin(run.Owner, run.Agent.Id);
        var conversation = await runs.GetCheckpointAsync(run.Id);
        if (conversation is null)
        {
            conversation = await threads.GetMessagesAsync(run.ThreadId);
            conversation.AddRange(run.InputAsMessages());
            await runs.SetCheckpointAsync(run.Id, conversation);
        }

        await using var toolset = await tools.CreateAsync(run.Agent, new ToolContext(run.Id, run.Owner), cancellationToken);
        await RecordMcpServersAsync(run, toolset);
        var recorder = new StepRecordingChatClient(models.CreateChatClient(run.Agent.Model), progress, runs, telemetry, deltas);
        var agent = new ChatClientAgent(recorder, new ChatClientAgentOptions
        {
            Name = run.Agent.Name,
            ChatOptions = new ChatOptions
            {
                Instructions = string.IsNullOrEmpty(run.Agent.Instructions) ? null : run.Agent.Instructions,
                ModelId = run.Agent.Model,
                Tools = ObservedTools(run, toolset),
            },
            DisableApprovalResponseBinding = true,
            DisableApprovalNotRequiredFunctionBypassing = true,
        }, loggers);

        AgentResponse response;
        using (ModelCallScope.Begin(run.Owner, run.Agent.Id))
        {
            try
            {
                response = await agent.RunAsync(conversation, session: null, options: null, cancellationToken);
            }
            catch (Exception exception) when (ModelQuotaExceededException.In(exception) is { } quota)
            {
                throw new RunLimitException(quota.Quota, quota.Message);
            }
        }

        var finalOutput = recorder.LastOutput ?? throw new InvalidOperationException("The agent loop finished without a model call.");

        var approvals = response.Messages.SelectMany(message => message.Contents).OfType<ToolApprovalRequestContent>().ToList();
        if (approvals.Count > 0)
        {
            // Resume point: what the model saw, then its tool calls in the framework's approval-request form.
            var paused = new List<ChatMessage>(recorder.LastInput) { new(ChatRole.Assistant, [.. approvals]) };
            await runs.SetCheckpointAsync(run.Id, paused);
            var requiring = toolset.Tools.Where(tool => tool.RequiresApproval).Select(tool => tool.Name).ToHashSet();
            return new RunOutcome.NeedsApproval(approvals
                .Where(approval => approval.ToolCall is FunctionCallContent)
                .Select(approval =>
                {
                    var call = (FunctionCallContent)approval.ToolCall;
                    var arguments = System.Text.Json.JsonSerializer.Serialize(call.Arguments, AgentJson.Messages);
                    return new PendingToolCall(call.CallId, call.Name, arguments, requiring.Contains(call.Name), approval.RequestId);
                })
                .ToList());
        }

        return new RunOutcome.Answered(recorder.LastText, [.. recorder.LastInput, .. finalOutput]);
    }

    /// <summary>
    /// The client's functions as declarations only: the function-invoking loop cannot call them, so a model call
    /// asking for one ends the loop with the call, which the run answers with and the client executes.
    /// </summary>
    private static IEnumerable<AITool> ClientDeclarations(Run run) =>
        (run.ClientTools ?? []).Select(tool => AIFunctionFactory.CreateDeclaration(tool.Name, tool.Description, tool.Parameters));

    /// <summary>The agent's tools, each observed (event, span, metrics) and, if marked, approval-gated.</summary>
    private List<AITool> ObservedTools(Run run, RunToolset toolset)
    {
        var context = new ToolContext(run.Id, run.Owner);
        return toolset.Tools.Select(tool =>
        {
            AIFunction observed = new ObservedTool(tool.Function, tool.Kind, context, runs, telemetry);
            return tool.RequiresApproval ? new ApprovalRequiredAIFunction(observed) : (AITool)observed;
        }).Concat(ClientDeclarations(run)).ToList();
    }

    /// <summary>One event per MCP server: the tools it offered, or why it offered none.</summary>
    private async Task RecordMcpServersAsync(Run run, RunToolset toolset)
    {
        foreach (var server in toolset.McpServers)
        {
            telemetry.McpConnected(failed: server.Error is not null);
            await (server.Error is { } error
                ? runs.AppendEventAsync(run.Id, RunEventTypes.McpToolsFailed, new { server_label = server.Label, error })
                : runs.AppendEventAsync(run.Id, RunEventTypes.McpToolsListed, new
                {
                    server_label = server.Label,
                    tools = server.Tools.Select(tool => tool.Name),
                    omitted = server.Omitted,
                }));
        }
    }
}
