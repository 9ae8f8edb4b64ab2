using System.ClientModel;
using Microsoft.Extensions.AI;
using OpenAI;
using Platform.TestSupport;

namespace Platform.AgentService.Tests;

/// <summary>The scripted LLM speaks the protocol the real OpenAI client expects, streamed and not.</summary>
public sealed class ScriptedLlmServerTests : IAsyncLifetime
{
    private ScriptedLlmServer _server = null!;
    private IChatClient _chat = null!;

    public async Task InitializeAsync()
    {
        _server = await ScriptedLlmServer.StartAsync();
        _chat = new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(_server.BaseUrl) })
            .GetChatClient("scripted").AsIChatClient();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Streamed_reply_carries_text_and_tool_calls()
    {
        _server.Enqueue(new ScriptedReply("Let me check.", [new ScriptedToolCall("current_time", """{"zone":"UTC"}""")]));

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _chat.GetStreamingResponseAsync("time?"))
        {
            updates.Add(update);
        }

        var response = updates.ToChatResponse();
        var call = response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>().Single();
        Assert.Equal("Let me check.", response.Text);
        Assert.Equal("current_time", call.Name);
        Assert.Equal("UTC", call.Arguments!["zone"]!.ToString());
        Assert.Equal(ChatFinishReason.ToolCalls, response.FinishReason);
        Assert.Equal("time?", _server.ChatRequests.Single().Messages.Single()["content"]!.ToString());
    }

    [Fact]
    public async Task Embeddings_are_deterministic_and_similar_for_shared_words()
    {
        var embeddings = new OpenAIClient(new ApiKeyCredential("unused"), new OpenAIClientOptions { Endpoint = new Uri(_server.BaseUrl) })
            .GetEmbeddingClient("all-minilm-l6-v2").AsIEmbeddingGenerator();

        var vectors = await embeddings.GenerateAsync(["red apples", "red apples", "blue ocean"]);

        Assert.Equal(ScriptedLlmServer.EmbeddingDimensions, vectors[0].Vector.Length);
        Assert.Equal(vectors[0].Vector.ToArray(), vectors[1].Vector.ToArray());
        Assert.Equal(0f, System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(vectors[0].Vector.Span, vectors[2].Vector.Span), 3);
    }
}
