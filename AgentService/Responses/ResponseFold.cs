using System.Text;
using System.Text.Json;
using Platform.AgentService.Runs;

namespace Platform.AgentService.Responses;

/// <summary>
/// Turns a run's events, in order, into the response's streaming events and its current state (status, output items,
/// usage). A pure function of the response record and the events, so replaying the same events always gives the same
/// events with the same <c>sequence_number</c>s: that is what lets a client resume with <c>starting_after</c> on any
/// replica, and what <c>GET /v1/responses/{id}</c> folds to show the response.
/// </summary>
public sealed class ResponseFold(ResponseRecord record)
{
    private readonly HashSet<string> _clientTools = record.Tools.Select(tool => tool.Name).ToHashSet();
    private readonly List<OutputItem> _items = [];
    private readonly List<ResponseStreamEvent> _emitted = [];
    private int _sequence;
    private bool _created;
    private bool _inProgress;
    private string _status = "queued";
    private ResponseErrorView? _error;
    private IncompleteDetailsView? _incomplete;
    private int _inputTokens;
    private int _outputTokens;
    private bool _hasUsage;

    public string Status => _status;

    /// <summary>The streaming events this run event adds, numbered on from the ones before it.</summary>
    public IReadOnlyList<ResponseStreamEvent> Apply(RunEvent runEvent)
    {
        _emitted.Clear();
        using var document = JsonDocument.Parse(runEvent.Data);
        var data = document.RootElement;
        switch (runEvent.Type)
        {
            case RunEventTypes.Status:
                OnStatus(data.GetProperty("status").GetString()!, data.OptionalString("reason"), data.OptionalString("error"));
                break;
            case RunEventTypes.MessageDelta:
                AppendText(OpenMessage(Step(data)), data.GetProperty("text").GetString()!);
                break;
            case RunEventTypes.ToolCallDelta when data.OptionalString("name") is { } name && _clientTools.Contains(name):
                var call = OpenCall(Step(data), data.GetProperty("index").GetInt32(), data.OptionalString("call_id"), name);
                AppendArguments(call, data.OptionalString("arguments") ?? "");
                break;
            case RunEventTypes.ModelCall:
                OnModelCall(data);
                break;
            case RunEventTypes.ModelCallRestarted:
                // The call is repeated by another worker: what it streamed so far stays as an incomplete item.
                foreach (var item in _items.Where(item => item.Open && item.Step == Step(data)).ToList())
                {
                    Close(item, "incomplete");
                }

                break;
        }

        return _emitted.ToList();
    }

    public ResponseView View() => new()
    {
        Id = record.Id,
        CreatedAt = record.CreatedAt.ToUnixTimeSeconds(),
        Status = _status,
        Background = record.Background,
        Error = _error,
        IncompleteDetails = _incomplete,
        Instructions = record.Instructions,
        Model = record.Model,
        Output = _items.Select(item => item.View()).ToList(),
        PreviousResponseId = record.PreviousResponseId,
        Store = record.Store,
        Tools = record.Tools.Select(tool => new FunctionToolView("function", tool.Name, tool.Description, tool.Parameters, false)).ToList(),
        Usage = _hasUsage ? new UsageView(_inputTokens, new(0), _outputTokens, new(0), _inputTokens + _outputTokens) : null,
        Metadata = record.Metadata ?? [],
        Conversation = record.ConversationId is { } conversation ? new ConversationRefView(conversation) : null,
        RunId = record.RunId,
    };

    private void OnStatus(string status, string? reason, string? error)
    {
        if (!_created)
        {
            _created = true;
            Emit(new ResponseStreamEvent { Type = "response.created", Response = View() });
        }

        switch (status)
        {
            case "running" when !_inProgress:
                _inProgress = true;
                _status = "in_progress";
                _incomplete = null;
                Emit(new ResponseStreamEvent { Type = "response.in_progress", Response = View() });
                break;
            case "requires_action":
                // An agent tool waits for approval (POST /v1/runs/{run_id}/approvals); the run goes on after it.
                CloseAll("completed");
                _inProgress = false;
                End("incomplete", "response.incomplete", incomplete: new IncompleteDetailsView("approval_required"));
                break;
            case "succeeded":
                CloseAll("completed");
                End("completed", "response.completed");
                break;
            case "failed" or "expired":
                CloseAll("incomplete");
                End("failed", "response.failed", error: new ResponseErrorView(reason ?? "server_error", error ?? "The response failed."));
                break;
            case "cancelled":
                CloseAll("incomplete");
                End("cancelled", "response.incomplete", incomplete: new IncompleteDetailsView(reason ?? "cancelled"));
                break;
        }
    }

    private void End(string status, string eventType, ResponseErrorView? error = null, IncompleteDetailsView? incomplete = null)
    {
        _status = status;
        _error = error;
        _incomplete = incomplete;
        Emit(new ResponseStreamEvent { Type = eventType, Response = View() });
    }

    private void OnModelCall(JsonElement data)
    {
        var step = Step(data);
        var text = data.OptionalString("text") ?? "";
        var message = _items.FirstOrDefault(item => item.Open && item.Step == step && item.Type == InputItem.Message);
        if (text.Length > 0 || message is not null)
        {
            message ??= OpenMessage(step);
            // The deltas normally add up to the text; if some never arrived, the rest is sent now.
            var sent = message.Content.ToString();
            if (text.StartsWith(sent, StringComparison.Ordinal) && text.Length > sent.Length)
            {
                AppendText(message, text[sent.Length..]);
            }

            Close(message, "completed");
        }

        if (data.Optional("tool_calls") is { ValueKind: JsonValueKind.Array } calls)
        {
            var index = 0;
            foreach (var call in calls.EnumerateArray())
            {
                var name = call.GetProperty("name").GetString()!;
                var callId = call.OptionalString("id");
                if (_clientTools.Contains(name))
                {
                    var item = _items.FirstOrDefault(item => item.Open && item.Step == step && item.CallId == callId)
                        ?? OpenCall(step, index, callId, name);
                    if (item.Content.Length == 0)
                    {
                        AppendArguments(item, call.Optional("arguments")?.GetRawText() ?? "{}");
                    }

                    Close(item, "completed");
                }

                index++;
            }
        }

        if (data.Optional("usage") is { ValueKind: JsonValueKind.Object } usage)
        {
            _hasUsage = true;
            _inputTokens += (int)(usage.OptionalInteger("input_tokens") ?? 0);
            _outputTokens += (int)(usage.OptionalInteger("output_tokens") ?? 0);
        }
    }

    private OutputItem OpenMessage(int step)
    {
        if (_items.FirstOrDefault(item => item.Open && item.Step == step && item.Type == InputItem.Message) is { } open)
        {
            return open;
        }

        var item = Add(new OutputItem(InputItem.Message, ItemView.IdFor(InputItem.Message, record.Id, _items.Count), _items.Count, step));
        Emit(new ResponseStreamEvent { Type = "response.content_part.added", ItemId = item.Id, OutputIndex = item.Index, ContentIndex = 0, Part = ContentPart.OutputText("") });
        return item;
    }

    private OutputItem OpenCall(int step, int index, string? callId, string name)
    {
        if (_items.FirstOrDefault(item => item.Open && item.Step == step && item.ToolIndex == index && item.Type == InputItem.FunctionCall) is { } open)
        {
            return open;
        }

        return Add(new OutputItem(InputItem.FunctionCall, ItemView.IdFor(InputItem.FunctionCall, record.Id, _items.Count), _items.Count, step)
        {
            ToolIndex = index,
            CallId = callId,
            Name = name,
        });
    }

    private OutputItem Add(OutputItem item)
    {
        _items.Add(item);
        Emit(new ResponseStreamEvent { Type = "response.output_item.added", OutputIndex = item.Index, Item = item.View() });
        return item;
    }

    private void AppendText(OutputItem item, string delta)
    {
        item.Content.Append(delta);
        Emit(new ResponseStreamEvent { Type = "response.output_text.delta", ItemId = item.Id, OutputIndex = item.Index, ContentIndex = 0, Delta = delta, Logprobs = [] });
    }

    private void AppendArguments(OutputItem item, string delta)
    {
        if (delta.Length == 0)
        {
            return;
        }

        item.Content.Append(delta);
        Emit(new ResponseStreamEvent { Type = "response.function_call_arguments.delta", ItemId = item.Id, OutputIndex = item.Index, Delta = delta });
    }

    private void Close(OutputItem item, string status)
    {
        item.Open = false;
        item.Status = status;
        if (status == "completed" && item.Type == InputItem.Message)
        {
            var text = item.Content.ToString();
            Emit(new ResponseStreamEvent { Type = "response.output_text.done", ItemId = item.Id, OutputIndex = item.Index, ContentIndex = 0, Text = text, Logprobs = [] });
            Emit(new ResponseStreamEvent { Type = "response.content_part.done", ItemId = item.Id, OutputIndex = item.Index, ContentIndex = 0, Part = ContentPart.OutputText(text) });
        }
        else if (status == "completed")
        {
            Emit(new ResponseStreamEvent { Type = "response.function_call_arguments.done", ItemId = item.Id, OutputIndex = item.Index, Arguments = item.Content.ToString(), Name = item.Name });
        }

        Emit(new ResponseStreamEvent { Type = "response.output_item.done", OutputIndex = item.Index, Item = item.View() });
    }

    private void CloseAll(string status)
    {
        foreach (var item in _items.Where(item => item.Open).ToList())
        {
            Close(item, status);
        }
    }

    private void Emit(ResponseStreamEvent streamEvent) => _emitted.Add(streamEvent with { SequenceNumber = _sequence++ });

    private static int Step(JsonElement data) => data.TryGetProperty("step", out var step) ? step.GetInt32() : 0;

    /// <summary>An output item being built: a message's text or a function call's arguments, as streamed so far.</summary>
    private sealed class OutputItem(string type, string id, int index, int step)
    {
        public string Type { get; } = type;
        public string Id { get; } = id;
        public int Index { get; } = index;
        public int Step { get; } = step;
        public int? ToolIndex { get; init; }
        public string? CallId { get; init; }
        public string? Name { get; init; }
        public bool Open { get; set; } = true;
        public string Status { get; set; } = "in_progress";
        public StringBuilder Content { get; } = new();

        public ItemView View() => Type == InputItem.Message
            ? new ItemView
            {
                Id = Id,
                Type = Type,
                Status = Status,
                Role = "assistant",
                Content = Open && Content.Length == 0 ? [] : [ContentPart.OutputText(Content.ToString())],
            }
            : new ItemView { Id = Id, Type = Type, Status = Status, CallId = CallId, Name = Name, Arguments = Content.ToString() };
    }
}
