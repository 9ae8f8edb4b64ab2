using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>
/// What the malformed-input sweep aims at: objects to address in paths and valid bodies to break one field at a
/// time, plus objects the sweep never addresses, whose state must be the same before and after it.
/// </summary>
public sealed partial class SweepTargets
{
    private const string Model = "scripted-model";
    private const string EmbeddingModel = "all-minilm-l6-v2";

    private SweepTargets(string agent, string thread, string collection, string run, string response, string conversation,
        string keptAgent, string keptThread, string keptCollection)
    {
        Agent = agent;
        Response = response;
        Conversation = conversation;
        Thread = thread;
        Collection = collection;
        Run = run;
        KeptAgent = keptAgent;
        KeptThread = keptThread;
        KeptCollection = keptCollection;
    }

    public string Agent { get; }
    public string Thread { get; }
    public string Collection { get; }
    public string Run { get; }
    public string Response { get; }
    public string Conversation { get; }
    public string KeptAgent { get; }
    public string KeptThread { get; }
    public string KeptCollection { get; }

    public static async Task<SweepTargets> CreateAsync(HttpClient client)
    {
        var agent = await client.CreateAgentAsync(model: Model);
        var thread = await client.CreateThreadAsync();
        var collection = (await client.PostJsonAsync("/v1/knowledge", new { name = "sweep" }, 201))["id"]!.GetValue<string>();
        var run = (await client.PostJsonAsync($"/v1/threads/{thread}/runs", new { agent_id = agent, input = "Hello" }, 200))["id"]!.GetValue<string>();
        var conversation = (await client.PostJsonAsync("/v1/conversations", new { }, 200))["id"]!.GetValue<string>();
        var response = (await client.PostJsonAsync("/v1/responses", new { model = agent, input = "Hello" }, 200))["id"]!.GetValue<string>();

        var keptAgent = await client.CreateAgentAsync(model: Model);
        var keptThread = await client.CreateThreadAsync();
        await client.PostJsonAsync($"/v1/threads/{keptThread}/runs", new { agent_id = keptAgent, input = "Remember this" }, 200);
        var keptCollection = (await client.PostJsonAsync("/v1/knowledge", new { name = "kept" }, 201))["id"]!.GetValue<string>();
        await client.PostJsonAsync($"/v1/knowledge/{keptCollection}/documents", new { text = "Kept knowledge stays.", title = "kept" }, 201);
        return new SweepTargets(agent, thread, collection, run, response, conversation, keptAgent, keptThread, keptCollection);
    }

    /// <summary>Everything stored about the objects the sweep never addresses.</summary>
    public async Task<JsonObject> SnapshotAsync(HttpClient client) => new()
    {
        ["agent"] = await client.GetJsonAsync($"/v1/agents/{KeptAgent}"),
        ["thread"] = await client.GetJsonAsync($"/v1/threads/{KeptThread}"),
        ["messages"] = await client.GetJsonAsync($"/v1/threads/{KeptThread}/messages"),
        ["collection"] = await client.GetJsonAsync($"/v1/knowledge/{KeptCollection}"),
        ["search"] = await client.PostJsonAsync($"/v1/knowledge/{KeptCollection}/search", new { query = "kept" }, 200),
    };

    /// <summary>The path with every parameter set to the sweep's object of that kind.</summary>
    public string Fill(string template) => Parameter().Replace(template, match => IdFor(template, match.Index));

    /// <summary>The path with its last parameter set to <paramref name="id"/> and the others to the sweep's objects.</summary>
    public string FillLast(string template, string id)
    {
        var last = Parameter().Matches(template)[^1];
        return Fill(template[..last.Index]) + id + Fill(template[(last.Index + last.Length)..]);
    }

    private string IdFor(string template, int index) => template[..index] switch
    {
        "/v1/agents/" => Agent,
        "/v1/threads/" => Thread,
        "/v1/knowledge/" => Collection,
        "/v1/runs/" => Run,
        "/v1/models/" => Model,
        "/v1/responses/" => Response,
        "/v1/conversations/" => Conversation,
        _ => "missing",
    };

    /// <summary>A valid body for each operation that takes one; the sweep breaks it one field at a time.</summary>
    public JsonObject? BaselineBody(string operation) => operation switch
    {
        "POST /v1/agents" or "POST /v1/agents/{id}" => new() { ["name"] = "sweep", ["instructions"] = "Answer.", ["model"] = Model, ["tools"] = new JsonArray() },
        "POST /v1/threads" => new() { ["metadata"] = new JsonObject { ["team"] = "sweep" } },
        "POST /v1/threads/{threadId}/runs" => new() { ["agent_id"] = Agent, ["input"] = "Hello", ["background"] = true, ["multitask_strategy"] = "enqueue" },
        "POST /v1/runs/{id}/approvals" => new() { ["decisions"] = new JsonArray(new JsonObject { ["tool_call_id"] = "call_sweep", ["approve"] = true }) },
        "POST /v1/knowledge" => new() { ["name"] = "sweep" },
        "POST /v1/knowledge/{id}/documents" => new() { ["text"] = "Sweep text.", ["title"] = "sweep" },
        "POST /v1/knowledge/{id}/search" => new() { ["query"] = "sweep", ["top_k"] = 3 },
        "POST /v1/chat/completions" => new() { ["model"] = Model, ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Hi" }) },
        "POST /v1/embeddings" => new() { ["model"] = EmbeddingModel, ["input"] = "Hi" },
        "POST /v1/responses" => new() { ["model"] = Agent, ["input"] = "Hello", ["background"] = true },
        "POST /v1/conversations" or "POST /v1/conversations/{id}" => new() { ["metadata"] = new JsonObject { ["team"] = "sweep" } },
        "POST /v1/conversations/{id}/items" => new()
        {
            ["items"] = new JsonArray(new JsonObject { ["type"] = "message", ["role"] = "user", ["content"] = "Hi" }),
        },
        _ => null,
    };

    [GeneratedRegex("\\{[A-Za-z]+\\}")]
    private static partial Regex Parameter();
}
