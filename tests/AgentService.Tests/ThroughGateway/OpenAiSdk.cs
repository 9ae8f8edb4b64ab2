#pragma warning disable OPENAI001 // The Responses and Conversations clients are marked experimental.

using System.ClientModel;
using System.ClientModel.Primitives;
using OpenAI.Conversations;
using OpenAI.Responses;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>The official OpenAI .NET clients pointed at the gateway with the test key, as a user would configure them.</summary>
public static class OpenAiSdk
{
    public static ResponsesClient Responses(GatewayHost gateway) => new(new ApiKeyCredential(GatewayHost.Key), new ResponsesClientOptions
    {
        Endpoint = new Uri(gateway.Client.BaseAddress!, "/v1"),
        // A retried POST would start a second response; the tests want to see every answer as it is.
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        NetworkTimeout = TimeSpan.FromMinutes(2),
    });

    public static ConversationClient Conversations(GatewayHost gateway) => new(new ApiKeyCredential(GatewayHost.Key), new ConversationClientOptions
    {
        Endpoint = new Uri(gateway.Client.BaseAddress!, "/v1"),
        RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
    });

    /// <summary>Reads a streamed response to its end.</summary>
    public static async Task<List<StreamingResponseUpdate>> ToListAsync(this Task<AsyncStreamingResult<StreamingResponseUpdate>> stream)
    {
        var updates = new List<StreamingResponseUpdate>();
        await foreach (var update in await stream)
        {
            updates.Add(update);
        }

        return updates;
    }

    public static string Deltas(this IEnumerable<StreamingResponseUpdate> updates) =>
        string.Concat(updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Select(update => update.Delta));
}
