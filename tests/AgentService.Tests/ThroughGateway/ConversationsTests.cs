#pragma warning disable OPENAI001 // The Responses and Conversations clients are marked experimental.

using System.ClientModel;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OpenAI.Conversations;
using OpenAI.Responses;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>The OpenAI Conversations API through the gateway: a conversation's items are what its responses see.</summary>
public sealed class ConversationsTests(GatewayFixture fixture) : IClassFixture<GatewayFixture>, IAsyncLifetime
{
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ConversationClient Conversations => OpenAiSdk.Conversations(fixture.Gateway);

    private ResponsesClient Responses => OpenAiSdk.Responses(fixture.Gateway);

    public Task InitializeAsync()
    {
        fixture.Llm.ClearReplies();
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _gate.TrySetResult();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Responses_in_a_conversation_see_its_items_and_add_their_turns_to_it()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(ScriptedReply.Say("The code is 42."), ScriptedReply.Say("You asked twice."));
        ConversationResource conversation = await Conversations.CreateConversationAsync(new ConversationCreationOptions
        {
            Metadata = { ["topic"] = "codes" },
            Items = { ResponseItem.CreateUserMessageItem("Remember: the code is 42.") },
        });
        Assert.StartsWith("conv_", conversation.Id);

        ResponseResult first = await Responses.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            ConversationOptions = new ResponseConversationOptions(conversation.Id),
            InputItems = { ResponseItem.CreateUserMessageItem("What is the code?") },
        });
        Assert.Equal("The code is 42.", first.GetOutputText());
        Assert.Equal(conversation.Id, first.ConversationOptions.ConversationId);

        var added = await ItemsAsync(await Conversations.CreateConversationItemsAsync(
            conversation.Id, BinaryContent.Create(BinaryData.FromString("""{"items":[{"type":"message","role":"user","content":"I asked already."}]}"""))));
        Assert.Equal("I asked already.", Assert.Single(added)!["content"]![0]!["text"]!.GetValue<string>());

        ResponseResult second = await Responses.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            ConversationOptions = new ResponseConversationOptions(conversation.Id),
            InputItems = { ResponseItem.CreateUserMessageItem("Did I ask before?") },
        });
        Assert.Equal("You asked twice.", second.GetOutputText());
        Assert.Equal(
            ["Remember: the code is 42.", "What is the code?", "The code is 42.", "I asked already.", "Did I ask before?"],
            fixture.Llm.ChatRequests[^1].Messages.Skip(1).Select(message => message["content"]!.GetValue<string>()));

        var items = await AllItemsAsync(conversation.Id, "asc");
        Assert.Equal(
            [("user", "Remember: the code is 42."), ("user", "What is the code?"), ("assistant", "The code is 42."), ("user", "I asked already."), ("user", "Did I ask before?"), ("assistant", "You asked twice.")],
            items.Select(item => (item["role"]!.GetValue<string>(), item["content"]![0]!["text"]!.GetValue<string>())));
        Assert.Equal(items.Select(item => item["id"]!.GetValue<string>()).Reverse(), (await AllItemsAsync(conversation.Id, "desc")).Select(item => item["id"]!.GetValue<string>()));
        var one = await fixture.Client.GetJsonAsync($"/v1/conversations/{conversation.Id}/items/{items[2]["id"]}");
        Assert.Equal("The code is 42.", one["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task Conversation_is_retrieved_updated_and_deleted()
    {
        ConversationResource created = await Conversations.CreateConversationAsync(new ConversationCreationOptions { Metadata = { ["a"] = "1" } });

        ConversationResource read = await Conversations.GetConversationAsync(created.Id);
        Assert.Equal("1", read.Metadata["a"]);
        ConversationResource updated = await Conversations.UpdateConversationAsync(created.Id, new ConversationUpdateOptions(new Dictionary<string, string> { ["b"] = "2" }));
        Assert.Equal(new Dictionary<string, string> { ["b"] = "2" }, updated.Metadata);

        ConversationDeletionResult deleted = await Conversations.DeleteConversationAsync(created.Id);
        Assert.True(deleted.Deleted);
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/v1/conversations/{created.Id}")).StatusCode);
    }

    [Fact]
    public async Task Conversation_busy_with_a_response_refuses_a_second_one_and_new_items_with_409()
    {
        var agent = await fixture.Client.CreateAgentAsync();
        fixture.Llm.Enqueue(new ScriptedReply("Slow answer.", Gate: _gate.Task));
        ConversationResource conversation = await Conversations.CreateConversationAsync(new ConversationCreationOptions());
        ResponseResult running = await Responses.CreateResponseAsync(new CreateResponseOptions
        {
            Model = agent,
            BackgroundModeEnabled = true,
            ConversationOptions = new ResponseConversationOptions(conversation.Id),
            InputItems = { ResponseItem.CreateUserMessageItem("First") },
        });

        var second = await fixture.Client.PostAsJsonAsync("/v1/responses", new { model = agent, conversation = conversation.Id, input = "Second" });
        var items = await fixture.Client.PostAsJsonAsync($"/v1/conversations/{conversation.Id}/items", new { items = new[] { new { role = "user", content = "Third" } } });

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("conversation_busy", (await second.JsonAsync())["error"]!["code"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, items.StatusCode);
        _gate.SetResult();
        Assert.True(await Eventually.HoldsAsync(async () => (await Responses.GetResponseAsync(running.Id)).Value.Status == ResponseStatus.Completed));
        Assert.Equal(["First", "Slow answer."], (await AllItemsAsync(conversation.Id, "asc")).Select(item => item["content"]![0]!["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Threads_are_not_conversations_and_bad_items_are_refused_naming_them()
    {
        var thread = await fixture.Client.CreateThreadAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await fixture.Client.GetAsync($"/v1/conversations/{thread}")).StatusCode);

        var bad = await fixture.Client.PostAsJsonAsync("/v1/conversations", new { items = new object[] { new { type = "message", role = "robot", content = "x" } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("items[0].role", (await bad.JsonAsync())["error"]!["param"]!.GetValue<string>());
        var unknown = await fixture.Client.PostAsJsonAsync("/v1/conversations", new { title = "x" });
        Assert.Equal("title", (await unknown.JsonAsync())["error"]!["param"]!.GetValue<string>());
    }

    private static async Task<List<JsonNode>> ItemsAsync(ClientResult result) =>
        JsonNode.Parse(result.GetRawResponse().Content.ToString())!["data"]!.AsArray().Select(item => item!).ToList();

    private async Task<List<JsonNode>> AllItemsAsync(string conversationId, string order)
    {
        var items = new List<JsonNode>();
        await foreach (var page in Conversations.GetConversationItemsAsync(conversationId, limit: 2, order: order, after: null, include: null, options: null).GetRawPagesAsync())
        {
            items.AddRange(await ItemsAsync(page));
        }

        return items;
    }
}
