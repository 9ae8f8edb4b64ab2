using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace Platform.AgentService.Models;

/// <summary>
/// Chat and embedding clients (Microsoft.Extensions.AI over the OpenAI SDK) that talk only to the <c>models</c>
/// service, through an HttpClient with service discovery and the model-call resilience (one long timeout, no retry).
/// </summary>
public sealed class ModelClients
{
    public const string HttpClientName = "models";

    private readonly OpenAIClient _client;
    private readonly ModelClientOptions _options;

    public ModelClients(IHttpClientFactory httpClients, IOptions<ModelClientOptions> options)
    {
        _options = options.Value;
        _client = new OpenAIClient(new ApiKeyCredential(_options.ApiKey), new OpenAIClientOptions
        {
            Endpoint = new Uri(_options.BaseUrl),
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName)),
            // Retrying a model call repeats its cost and side effects; the run loop decides what to do on failure.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            NetworkTimeout = _options.Timeout,
        });
        Embeddings = _client.GetEmbeddingClient(_options.EmbeddingModel).AsIEmbeddingGenerator();
    }

    public IEmbeddingGenerator<string, Embedding<float>> Embeddings { get; }

    public IChatClient CreateChatClient(string model) =>
        _client.GetChatClient(model).AsIChatClient().AsBuilder().UseOpenTelemetry().Build();
}
