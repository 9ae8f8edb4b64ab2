using System.ClientModel;
using OpenAI;
using OpenAI.Chat;
using Platform.TestSupport;

namespace Platform.ModelService.Tests;

/// <summary>The official OpenAI .NET client, pointed at the service by base URL alone.</summary>
public sealed class OpenAiClientTests
{
    [Fact]
    public async Task Official_client_gets_embeddings_and_streams_chat()
    {
        await using var upstream = await ScriptedOpenAiServer.StartAsync();
        await using var service = await ModelServiceHost.StartAsync(new Dictionary<string, string?> { ["ConnectionStrings:llm"] = upstream.ConnectionString() });
        var client = new OpenAIClient(new ApiKeyCredential("unused-by-the-service"), new OpenAIClientOptions
        {
            Endpoint = new Uri(service.BaseAddress, "/v1"),
            // The service serves only calls the gateway (or an agent) signed; this transport signs as the gateway would.
            Transport = new System.ClientModel.Primitives.HttpClientPipelineTransport(SignedCaller.Client(service.BaseAddress, "openai-client")),
        });

        var embeddings = await client.GetEmbeddingClient("all-minilm-l6-v2").GenerateEmbeddingsAsync(["Vector search finds neighbours.", "Second input"]);

        Assert.Equal(2, embeddings.Value.Count);
        var vector = embeddings.Value[0].ToFloats().ToArray();
        var model = service.Model.Model;
        Assert.True(Vectors.Cosine(model.Embed([model.Tokenizer.Tokenize("Vector search finds neighbours.")])[0], vector) > 0.99999);

        upstream.Enqueue(ScriptedResponse.StreamedText(["Stream", "ed ", "answer"]));
        var text = new System.Text.StringBuilder();
        ChatFinishReason? finish = null;
        await foreach (var update in client.GetChatClient("scripted-model").CompleteChatStreamingAsync([new UserChatMessage("Say something")]))
        {
            text.Append(string.Concat(update.ContentUpdate.Select(part => part.Text)));
            finish ??= update.FinishReason;
        }

        Assert.Equal("Streamed answer", text.ToString());
        Assert.Equal(ChatFinishReason.Stop, finish);
    }
}
