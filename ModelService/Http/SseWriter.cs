namespace Platform.ModelService.Http;

/// <summary>Writes one server-sent event (<c>data: ...</c>) and flushes it, so each chunk reaches the client at once.</summary>
public static class SseWriter
{
    public static async Task WriteAsync(HttpResponse response, string data, CancellationToken cancellationToken)
    {
        await response.WriteAsync($"data: {data}\n\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
