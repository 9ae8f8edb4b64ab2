using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Platform.AgentService.Agents;
using Platform.AgentService.Quotas;
using Platform.AgentService.Runs;
using Platform.AgentService.Threads;

namespace Platform.AgentService.Responses;

/// <summary>
/// Starts a response as a run: <c>model</c> becomes the run's agent (an agent the caller may use, looked up first, or
/// a bare model with the request's instructions), the history comes from the conversation's thread or the previous
/// response's, and the input and the client's functions go into the run.
/// </summary>
public sealed class ResponseLauncher(
    AgentStore agents,
    ThreadStore threads,
    ThreadTurns turns,
    ResponseStore responses,
    RunLauncher launcher,
    TenantLimits tenants,
    TimeProvider clock,
    IOptions<RunOptions> runOptions,
    ILogger<ResponseLauncher> logger)
{
    public const int MaxModelLength = 256;

    public async Task<ResponseRecord> StartAsync(string caller, ResponseRequest request)
    {
        var agent = await AgentForAsync(caller, request);
        var (thread, history, previous) = await ThreadForAsync(caller, request);
        CheckFunctionOutputs(history, request.Input);
        var text = InputText(request.Input);
        if (text.Length > runOptions.Value.MaxInputChars)
        {
            throw new InvalidRequestException($"'input' is longer than {runOptions.Value.MaxInputChars} characters.", "input", StatusCodes.Status413PayloadTooLarge);
        }

        var input = new RunInput(text, request.Background, AgentJson.SerializeMessages(ChatItems.ToMessages(request.Input)), request.Tools);
        var result = await launcher.StartAsync(caller, thread, agent, input, MultitaskStrategy.Reject, idempotencyKey: null);
        if (result is not RunLauncher.Result.Created { Run: var run })
        {
            throw new InvalidRequestException(
                $"Conversation '{thread.Id}' already has a response in progress; wait for it or cancel it.", "conversation", StatusCodes.Status409Conflict, "conversation_busy");
        }

        var record = new ResponseRecord
        {
            Id = Ids.New("resp"),
            Owner = caller,
            RunId = run.Id,
            ThreadId = thread.Id,
            Model = request.Model,
            Instructions = request.Instructions,
            Input = request.Input,
            Tools = request.Tools,
            Metadata = request.Metadata,
            PreviousResponseId = previous,
            ConversationId = request.ConversationId,
            Background = request.Background,
            Store = request.Store,
            CreatedAt = run.CreatedAt,
        };
        // Kept as long as the run: until its deadline, then as long as an ended run is retained.
        await responses.SaveAsync(record, run.DeadlineAt - clock.GetUtcNow() + runOptions.Value.RetainFor);
        logger.LogInformation("Response {ResponseId} started as run {RunId} of {Model}", record.Id, run.Id, agent.Id);
        return record;
    }

    private async Task<AgentDefinition> AgentForAsync(string caller, ResponseRequest request)
    {
        if (request.Model.Length > MaxModelLength)
        {
            throw new InvalidRequestException($"'model' must be at most {MaxModelLength} characters.", "model");
        }

        var instructions = request.Instructions;
        if (await agents.FindAsync(request.Model, caller) is { } agent)
        {
            var own = agent.Tools.Select(tool => tool.Type).ToHashSet();
            foreach (var (tool, index) in request.Tools.Select((tool, index) => (tool, index)))
            {
                if (own.Contains(tool.Name))
                {
                    throw new InvalidRequestException($"'tools[{index}].name' '{tool.Name}' is already a tool of agent '{agent.Id}'.", $"tools[{index}].name");
                }
            }

            // The request's instructions add to the agent's own, as a second paragraph.
            return string.IsNullOrEmpty(instructions) ? agent : agent with { Instructions = string.Join("\n\n", new[] { agent.Instructions, instructions }.Where(s => s.Length > 0)) };
        }

        if (request.Model.StartsWith("agent_", StringComparison.Ordinal))
        {
            throw new InvalidRequestException($"No agent found with id '{request.Model}'.", "model", StatusCodes.Status404NotFound, "model_not_found");
        }

        return new AgentDefinition { Id = request.Model, Name = request.Model, Model = request.Model, Instructions = instructions ?? "", Owner = caller };
    }

    private async Task<(AgentThread Thread, List<ChatMessage> History, string? Previous)> ThreadForAsync(string caller, ResponseRequest request)
    {
        if (request.ConversationId is { } conversationId)
        {
            var conversation = await threads.FindConversationAsync(conversationId, caller)
                ?? throw new InvalidRequestException($"No conversation found with id '{conversationId}'.", "conversation", StatusCodes.Status404NotFound);
            return (conversation, await threads.GetMessagesAsync(conversation.Id), null);
        }

        var history = new List<ChatMessage>();
        if (request.PreviousResponseId is { } previousId)
        {
            var previous = await responses.FindAsync(previousId, caller)
                ?? throw new InvalidRequestException($"No response found with id '{previousId}'.", "previous_response_id", StatusCodes.Status404NotFound);
            if (!previous.Store)
            {
                throw new InvalidRequestException($"Response '{previousId}' was not stored ('store': false) and cannot be continued.", "previous_response_id");
            }

            // The previous response's thread holds its whole conversation once its run has ended; a new thread starts
            // from a copy, so continuing the same response twice gives two independent branches.
            if (await turns.ActiveRunAsync(previous.ThreadId) is not null)
            {
                throw new InvalidRequestException($"Response '{previousId}' is still in progress.", "previous_response_id", StatusCodes.Status409Conflict, "response_in_progress");
            }

            history = await threads.GetMessagesAsync(previous.ThreadId);
        }

        var thread = new AgentThread { Id = Ids.New("thread"), Owner = caller, CreatedAt = clock.GetUtcNow() };
        var limits = await tenants.ForAsync(caller);
        await threads.CreateAsync(thread, limits);
        if (history.Count > 0)
        {
            await threads.SetMessagesAsync(thread, history, limits);
        }

        return (thread, history, request.PreviousResponseId);
    }

    /// <summary>
    /// Function outputs must answer calls the model made, and every call still waiting for its output must get one,
    /// as the model cannot go on without it.
    /// </summary>
    private static void CheckFunctionOutputs(List<ChatMessage> history, IReadOnlyList<InputItem> input)
    {
        var contents = history.SelectMany(message => message.Contents).ToList();
        var waiting = contents.OfType<FunctionCallContent>().Select(call => call.CallId)
            .Except(contents.OfType<FunctionResultContent>().Select(result => result.CallId))
            .Concat(input.Where(item => item.Type == InputItem.FunctionCall).Select(item => item.CallId!))
            .ToHashSet();
        foreach (var (item, index) in input.Select((item, index) => (item, index)))
        {
            if (item.Type == InputItem.FunctionCallOutput && !waiting.Remove(item.CallId!))
            {
                throw new InvalidRequestException($"No function call with call_id '{item.CallId}' is waiting for its output.", $"input[{index}].call_id");
            }
        }

        if (waiting.Count > 0)
        {
            throw new InvalidRequestException($"No output was given for function call '{waiting.First()}'; send a function_call_output item for it.", "input");
        }
    }

    private static string InputText(IReadOnlyList<InputItem> input) =>
        string.Join("\n", input.Select(item => item.Text ?? item.Output ?? item.Arguments ?? "").Where(text => text.Length > 0));
}
