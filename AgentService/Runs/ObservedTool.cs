using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Platform.AgentService.Threads;
using Platform.AgentService.Tools;

namespace Platform.AgentService.Runs;

/// <summary>
/// Wraps a tool of a run (the executor does, so tools know nothing of runs) so each call is a <c>tool.call</c> event, a span and a latency sample; a failing tool becomes a
/// <c>tool.error</c> event and its message is returned to the model, so the run loop carries on. Metrics are labelled
/// with the tool's <paramref name="kind"/>, since MCP tool names are chosen by agent owners and servers.
/// </summary>
public sealed class ObservedTool(AIFunction inner, string kind, ToolContext context, RunStore runs, AgentTelemetry telemetry) : DelegatingAIFunction(inner)
{
    private const int MaxResultCharsInEvent = 4_000;

    protected override async ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken)
    {
        var callId = FunctionInvokingChatClient.CurrentContext?.CallContent.CallId;
        var argumentsJson = JsonSerializer.Serialize(arguments.ToDictionary(pair => pair.Key, pair => pair.Value), AgentJson.Messages);
        using var activity = AgentTelemetry.Source.StartActivity($"tool.call {Name}");
        activity?.SetTag("gen_ai.tool.name", Name);
        activity?.SetTag("gen_ai.tool.call.id", callId);
        activity?.SetTag("platform.run.id", context.RunId);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = await base.InvokeCoreAsync(arguments, cancellationToken);
            telemetry.ToolCalled(kind, Stopwatch.GetElapsedTime(started), failed: false);
            var text = MessageView.ResultText(result);
            await runs.AppendEventAsync(context.RunId, RunEventTypes.ToolCall, new
            {
                call_id = callId,
                name = Name,
                arguments = argumentsJson,
                result = text.Length > MaxResultCharsInEvent ? text[..MaxResultCharsInEvent] : text,
                duration_ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds,
            });
            return result;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            telemetry.ToolCalled(kind, Stopwatch.GetElapsedTime(started), failed: true);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            activity?.AddException(exception);
            var error = FailureDescriptions.OfTool(Name, exception);
            await runs.AppendEventAsync(context.RunId, RunEventTypes.ToolError, new { call_id = callId, name = Name, arguments = argumentsJson, error });
            return $"Error: {error}";
        }
    }
}
