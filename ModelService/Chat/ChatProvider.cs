using System.ClientModel;
using System.ClientModel.Primitives;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;
using Platform.ModelService.Registry;

namespace Platform.ModelService.Chat;

/// <summary>
/// The configured chat provider as an <see cref="IChatClient"/>, or none when <c>ConnectionStrings:llm</c> is absent.
/// Calls go through the <c>llm</c> HttpClient (one long timeout, no retries) and are traced with GenAI conventions.
/// </summary>
public sealed class ChatProvider
{
    public const string HttpClientName = "llm";

    private readonly ModelRegistry _registry;

    public ChatProvider(IOptions<LlmSettings> settings, IOptions<ModelServingOptions> serving, ModelRegistry registry, IHttpClientFactory httpClients)
    {
        _registry = registry;
        Connection = LlmConnection.TryParse(settings.Value.Llm);
        if (Connection is null)
        {
            return;
        }

        var options = new OpenAIClientOptions
        {
            Endpoint = Connection.Endpoint,
            Transport = new HttpClientPipelineTransport(httpClients.CreateClient(HttpClientName)),
            // Retrying a chat call is not safe (it may have streamed already); the HttpClient owns the timeout.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
            // The endpoint enforces ChatTimeout over the whole call; this is only a backstop.
            NetworkTimeout = serving.Value.ChatTimeout + TimeSpan.FromMinutes(1),
        };
        Client = new OpenAIClient(new ApiKeyCredential(Connection.Key), options)
            .GetChatClient(Connection.Model)
            .AsIChatClient()
            .AsBuilder()
            .UseOpenTelemetry()
            .Build();
    }

    public LlmConnection? Connection { get; }

    public IChatClient? Client { get; }

    /// <summary>The one lookup a request makes: true for the provider's model, else the error to answer (404 unknown, 400 an embedding model).</summary>
    public bool Serves(string model, [NotNullWhen(false)] out JsonHttpResult<OpenAiError>? error)
    {
        var serves = string.Equals(model, Connection?.Model, StringComparison.OrdinalIgnoreCase);
        error = serves ? null
            : _registry.Find(model) is null ? ApiErrors.ModelNotFound(model)
            : ApiErrors.WrongModelKind(model, "a chat");
        return serves;
    }
}
