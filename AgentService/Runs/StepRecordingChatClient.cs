using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using StreamingChatCompletionUpdate = OpenAI.Chat.StreamingChatCompletionUpdate;

namespace Platform.AgentService.Runs;

/// <summary>
/// Sits under the agent's function-invocation loop, so it sees every model call of a run: it enforces the step
/// limit, saves the conversation as the run's checkpoint before each call (what a reclaiming worker resumes from),
/// streams the call from the model so its text and tool-call arguments become delta events while it runs, and
/// writes a <c>model.call</c> event and span after it. The agent loop above still sees one whole response per call.
/// </summary>
public sealed class StepRecordingChatClient(IChatClient inner, RunProgress progress, RunStore runs, AgentTelemetry telemetry, DeltaWriterFactory deltas)
    : DelegatingChatClient(inner)
{
    /// <summary>The conversation sent on the last model call (without system messages).</summary>
    public List<ChatMessage> LastInput { get; private set; } = [];

    /// <summary>
    /// The messages the last model call answered with, copied: the function-invoking client above later adds its
    /// own call and result messages to the same response object.
    /// </summary>
    public List<ChatMessage>? LastOutput { get; private set; }

    public string LastText { get; private set; } = "";

    public override async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var run = progress.Run;
        if (run.Steps >= run.MaxSteps)
        {
            throw new RunLimitException("max_steps_exceeded", $"The run reached its limit of {run.MaxSteps} model calls.");
        }

        var input = messages.Where(message => message.Role != ChatRole.System).ToList();
        await runs.SetCheckpointAsync(run.Id, input);
        var step = await progress.NextStepAsync();

        using var activity = AgentTelemetry.Source.StartActivity("model.call");
        activity?.SetTag("gen_ai.request.model", run.Agent.Model);
        activity?.SetTag("platform.run.id", run.Id);
        activity?.SetTag("platform.run.step", step);
        telemetry.ModelCalled(run.Agent.Model);

        var response = await StreamAsync(run.Id, step, messages, options, cancellationToken);
        LastInput = input;
        LastOutput = [.. response.Messages];
        LastText = response.Text;

        var calls = response.Messages.SelectMany(message => message.Contents).OfType<FunctionCallContent>()
            .Select(call => new { id = call.CallId, name = call.Name, arguments = call.Arguments })
            .ToList();
        activity?.SetTag("gen_ai.response.finish_reasons", response.FinishReason?.Value);
        await runs.AppendEventAsync(run.Id, RunEventTypes.ModelCall, new
        {
            step,
            model = run.Agent.Model,
            finish_reason = response.FinishReason?.Value,
            text = response.Text,
            tool_calls = calls,
            usage = response.Usage is { } usage ? new { input_tokens = usage.InputTokenCount, output_tokens = usage.OutputTokenCount } : null,
        });
        return response;
    }

    private async Task<ChatResponse> StreamAsync(string runId, int step, IEnumerable<ChatMessage> messages, ChatOptions? options, CancellationToken cancellationToken)
    {
        var updates = new List<ChatResponseUpdate>();
        await using var writer = deltas.Create(runId, step);
        await foreach (var update in base.GetStreamingResponseAsync(messages, options, cancellationToken))
        {
            updates.Add(update);
            foreach (var text in update.Contents.OfType<TextContent>())
            {
                await writer.AddAsync(new Delta(text.Text), cancellationToken);
            }

            // Microsoft.Extensions.AI hands over tool calls only once complete; their argument fragments are in the
            // provider's own chunk.
            if (update.RawRepresentation is StreamingChatCompletionUpdate chunk)
            {
                foreach (var call in chunk.ToolCallUpdates)
                {
                    await writer.AddAsync(new Delta(call.FunctionArgumentsUpdate?.ToString() ?? "", call.Index, call.ToolCallId, call.FunctionName), cancellationToken);
                }
            }
        }

        await writer.CompleteAsync(cancellationToken);
        return updates.ToChatResponse();
    }

    // The agent loop calls the non-streaming path; streaming callers get the same recorded call replayed as updates.
    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }
}
