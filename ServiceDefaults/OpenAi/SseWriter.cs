using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>
/// Server-sent events on <c>/v1</c>: the response headers every stream needs (no caching, no proxy buffering, so each
/// event reaches the client at once), and the two event shapes the API sends.
/// </summary>
public static class SseWriter
{
    public const string ContentType = "text/event-stream";

    /// <summary>Marks the response as an event stream; call before the first event.</summary>
    public static void Start(HttpResponse response)
    {
        response.ContentType = ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
    }

    /// <summary>Writes one <c>data:</c> event and flushes it (the OpenAI chunk stream).</summary>
    public static async Task WriteAsync(HttpResponse response, string data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"data: {data}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>Writes one event with its id and type, without flushing, so a batch of replayed events goes out in one flush.</summary>
    public static Task WriteEventAsync(HttpResponse response, string id, string type, string data, CancellationToken cancellationToken) =>
        response.WriteAsync($"id: {id}\nevent: {type}\ndata: {data}\n\n", cancellationToken);

    /// <summary>
    /// Writes an SSE comment and flushes it: clients ignore it, while every proxy on the way sees bytes and keeps a
    /// quiet stream open.
    /// </summary>
    public static async Task WriteCommentAsync(HttpResponse response, string comment, CancellationToken cancellationToken)
    {
        await response.WriteAsync($": {comment}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// Writes a last event without an id (the client's <c>Last-Event-ID</c> stays the last stored event) and the delay
    /// before the client reconnects (<c>retry:</c>), and flushes it.
    /// </summary>
    public static async Task WriteFinalEventAsync(HttpResponse response, string type, string data, TimeSpan retry, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"retry: {(long)retry.TotalMilliseconds}\nevent: {type}\ndata: {data}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
