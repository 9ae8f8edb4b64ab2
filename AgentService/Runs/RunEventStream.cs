using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// Writes a run's events as Server-Sent Events (<c>id:</c> = stream entry id, <c>event:</c> = type): first the
/// stored ones after the given id, then new ones as they arrive, until the run stops (terminal or waiting for
/// approval) and nothing is left to send. A client that drops reconnects with <c>Last-Event-ID</c> and misses nothing.
/// While nothing happens, an SSE comment (<c>: heartbeat</c>) goes out every <see cref="RunOptions.EventHeartbeatInterval"/>.
/// When the replica starts shutting down, the stream ends with a <c>stream.reconnect</c> event (no id, so the
/// client's Last-Event-ID stays the last real event) and a short <c>retry:</c>, and the client resumes on another replica.
/// </summary>
public sealed partial class RunEventStream(RunStore runs, IHostApplicationLifetime lifetime, IOptions<RunOptions> options)
{
    public const string ReconnectEvent = "stream.reconnect";

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    [GeneratedRegex(@"^\d{1,20}-\d{1,20}$")]
    public static partial Regex EventIdPattern();

    public async Task WriteAsync(HttpResponse response, string runId, string? after, CancellationToken cancellationToken)
    {
        SseWriter.Start(response);
        await response.Body.FlushAsync(cancellationToken);

        var last = after ?? "0-0";
        var heartbeat = options.Value.EventHeartbeatInterval;
        var quietSince = TimeProvider.System.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                await EndForShutdownAsync(response, cancellationToken);
                return;
            }

            var batch = await runs.ReadEventsAsync(runId, last, 100);
            foreach (var item in batch)
            {
                await SseWriter.WriteEventAsync(response, item.Id, item.Type, item.Data, cancellationToken);
                last = item.Id;
            }

            if (batch.Count > 0)
            {
                await response.Body.FlushAsync(cancellationToken);
                quietSince = TimeProvider.System.GetTimestamp();
                continue;
            }

            // The status is changed in the same script that writes its event, so once the run has stopped,
            // one more read finds every event there will be.
            if (await runs.GetAsync(runId) is not { IsActive: true })
            {
                if ((await runs.ReadEventsAsync(runId, last, 1)).Count == 0)
                {
                    return;
                }

                continue;
            }

            if (TimeProvider.System.GetElapsedTime(quietSince) >= heartbeat)
            {
                await SseWriter.WriteCommentAsync(response, "heartbeat", cancellationToken);
                quietSince = TimeProvider.System.GetTimestamp();
            }

            try
            {
                await Task.Delay(PollInterval, lifetime.ApplicationStopping).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Shutting down: the loop ends the stream with the reconnect event.
            }
        }
    }

    private Task EndForShutdownAsync(HttpResponse response, CancellationToken cancellationToken) =>
        SseWriter.WriteFinalEventAsync(
            response,
            ReconnectEvent,
            """{"reason":"replica_shutting_down","resume":"reconnect with Last-Event-ID"}""",
            options.Value.EventReconnectDelay,
            cancellationToken);

    /// <summary>Waits until the run stops (terminal or waiting for approval) and returns it.</summary>
    public async Task<Run?> WaitAsync(string runId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = await runs.GetAsync(runId);
            if (run is not { IsActive: true })
            {
                return run;
            }

            await Task.Delay(PollInterval, cancellationToken);
        }
    }
}
