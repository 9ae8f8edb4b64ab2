using System.Text.Json;
using Yarp.ReverseProxy.Configuration;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Which requests count against the concurrent-stream limit: those asking for <c>text/event-stream</c>, and on
/// routes whose metadata sets <c>StreamFlagInBody</c>, JSON bodies with <c>"stream": true</c> (how OpenAI clients
/// ask for a streamed chat completion).
/// </summary>
public static class StreamDetection
{
    public const string BodyFlagMetadata = "StreamFlagInBody";

    public static async Task<bool> IsStreamAsync(HttpContext context, RouteConfig route)
    {
        if (context.Request.Headers.Accept.Any(value => value?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true))
        {
            return true;
        }

        if (route.Metadata?.TryGetValue(BodyFlagMetadata, out var flag) != true || !bool.TryParse(flag, out var inBody) || !inBody
            || !HttpMethods.IsPost(context.Request.Method)
            || context.Request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) != true)
        {
            return false;
        }

        // Buffered so the body can still be forwarded; its size was already capped by the route's body limit.
        context.Request.EnableBuffering();
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("stream", out var stream)
                && stream.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            // Not ours to reject: the backend answers malformed JSON with its own 400.
            return false;
        }
        finally
        {
            context.Request.Body.Position = 0;
        }
    }
}
