using Platform.AgentService.Runs;

namespace Platform.AgentService.Responses;

/// <summary>
/// Reads a response's state and stream from its run's events, through <see cref="ResponseFold"/>: the whole log folded
/// for <c>GET</c>, and the log replayed then followed live for a stream, from any replica.
/// </summary>
public sealed class ResponseStreams(RunStore runs, RunEventStream events)
{
    private const int BatchSize = 500;

    /// <summary>The response as its events so far make it.</summary>
    public async Task<ResponseView> ViewAsync(ResponseRecord record)
    {
        var fold = new ResponseFold(record);
        var last = "0-0";
        while (true)
        {
            var batch = await runs.ReadEventsAsync(record.RunId, last, BatchSize);
            foreach (var item in batch)
            {
                fold.Apply(item);
                last = item.Id;
            }

            if (batch.Count < BatchSize)
            {
                return fold.View();
            }
        }
    }

    /// <summary>
    /// Streams the response's events with <c>sequence_number</c> above <paramref name="startingAfter"/> as SSE until the
    /// run stops. When this replica shuts down the stream just ends: the client resumes with <c>starting_after</c>
    /// (the last sequence number it saw) on another replica and misses nothing.
    /// </summary>
    public async Task WriteAsync(HttpResponse response, ResponseRecord record, int startingAfter, CancellationToken cancellationToken)
    {
        var fold = new ResponseFold(record);
        await foreach (var signal in events.FollowAsync(record.RunId, after: null, response, cancellationToken))
        {
            switch (signal)
            {
                case RunEventSignal.Events batch:
                    foreach (var streamEvent in batch.Batch.SelectMany(fold.Apply).Where(e => e.SequenceNumber > startingAfter))
                    {
                        await response.WriteAsync($"event: {streamEvent.Type}\ndata: {AgentJson.Serialize(streamEvent)}\n\n", cancellationToken);
                    }

                    await response.Body.FlushAsync(cancellationToken);
                    break;
                case RunEventSignal.Quiet:
                    await SseWriter.WriteCommentAsync(response, "heartbeat", cancellationToken);
                    break;
                case RunEventSignal.ShuttingDown:
                    return;
            }
        }
    }
}
