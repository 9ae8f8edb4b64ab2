using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// Writes a run's events as Server-Sent Events (<c>id:</c> = stream entry id, <c>event:</c> = type): first the
/// stored ones after the given id, then new ones as they arrive, until the run stops (terminal or waiting for
/// approval) and nothing is left to send. A client that drops reconnects with <c>Last-Event-ID</c> and misses nothing.
/// New events wake the stream through <see cref="RunEventNotifications"/> (or, with <see cref="EventDelivery.Poll"/>,
/// a timer). After <see cref="RunOptions.EventHeartbeatInterval"/> without an event, an SSE comment (<c>: heartbeat</c>)
/// goes out (and, with push delivery, one read in case a notification was lost). When the replica starts shutting
/// down, the stream ends with a <c>stream.reconnect</c> event (no id, so the client's Last-Event-ID stays the last
/// real event) and a short <c>retry:</c>, and the client resumes on another replica.
/// </summary>
public sealed partial class RunEventStream(
    RunStore runs,
    RunEventNotifications notifications,
    IHostApplicationLifetime lifetime,
    IOptions<RunOptions> options)
{
    public const string ReconnectEvent = "stream.reconnect";

    private const int BatchSize = 100;

    [GeneratedRegex(@"^\d{1,20}-\d{1,20}$")]
    public static partial Regex EventIdPattern();

    private bool Push => options.Value.EventDelivery == EventDelivery.Push;

    public async Task WriteAsync(HttpResponse response, string runId, string? after, CancellationToken cancellationToken)
    {
        await foreach (var signal in FollowAsync(runId, after, response, cancellationToken))
        {
            switch (signal)
            {
                case RunEventSignal.Events batch:
                    foreach (var item in batch.Batch)
                    {
                        await SseWriter.WriteEventAsync(response, item.Id, item.Type, item.Data, cancellationToken);
                    }

                    await response.Body.FlushAsync(cancellationToken);
                    break;
                case RunEventSignal.Quiet:
                    await SseWriter.WriteCommentAsync(response, "heartbeat", cancellationToken);
                    break;
                case RunEventSignal.ShuttingDown:
                    await EndForShutdownAsync(response, cancellationToken);
                    break;
            }
        }
    }

    /// <summary>
    /// The run's events after <paramref name="after"/> in batches as they arrive, until the run stops and nothing is
    /// left; a <see cref="RunEventSignal.Quiet"/> when a heartbeat is due, and a last
    /// <see cref="RunEventSignal.ShuttingDown"/> when this replica starts stopping. <paramref name="response"/>, when
    /// given, is marked as an event stream and flushed once listening has started.
    /// </summary>
    public async IAsyncEnumerable<RunEventSignal> FollowAsync(
        string runId, string? after, HttpResponse? response, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Listening starts before the first read, so an event written in between still wakes the stream.
        using var listener = Push ? await notifications.ListenAsync(runId) : null;
        // Waits end early when the replica starts stopping, so the stream can tell the client to go elsewhere.
        using var wake = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        if (response is not null)
        {
            SseWriter.Start(response);
            await response.Body.FlushAsync(cancellationToken);
        }

        var last = after ?? "0-0";
        string? lastStatus = null;
        var heartbeat = options.Value.EventHeartbeatInterval;
        var quietSince = TimeProvider.System.GetTimestamp();
        while (!cancellationToken.IsCancellationRequested)
        {
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                yield return new RunEventSignal.ShuttingDown();
                yield break;
            }

            var batch = await runs.ReadEventsAsync(runId, last, BatchSize);
            foreach (var item in batch)
            {
                last = item.Id;
                if (item.Type == RunEventTypes.Status)
                {
                    lastStatus = StatusOf(item.Data);
                }
            }

            if (batch.Count > 0)
            {
                yield return new RunEventSignal.Events(batch);
                quietSince = TimeProvider.System.GetTimestamp();
                if (batch.Count == BatchSize)
                {
                    continue;
                }
            }

            // A status is changed in the same script that writes its event, so once the run has stopped, one more
            // read finds every event there will be.
            if (await HasStoppedAsync(runId, lastStatus))
            {
                if ((await runs.ReadEventsAsync(runId, last, 1)).Count == 0)
                {
                    yield break;
                }

                continue;
            }

            var untilHeartbeat = heartbeat - TimeProvider.System.GetElapsedTime(quietSince);
            bool quiet;
            try
            {
                quiet = untilHeartbeat <= TimeSpan.Zero || await WaitQuietAsync(listener, untilHeartbeat, wake.Token);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // Shutting down: the loop ends the stream with the reconnect event.
                continue;
            }

            if (quiet)
            {
                yield return new RunEventSignal.Quiet();
                quietSince = TimeProvider.System.GetTimestamp();
            }
        }
    }

    /// <summary>
    /// Waits for new events at most <paramref name="remaining"/>, the time left until the next heartbeat; returns
    /// whether all of it passed, so the heartbeat is due. Pushed: until a notification. Polled: one poll interval (or
    /// the rest, if shorter), after which the caller reads again.
    /// </summary>
    private async Task<bool> WaitQuietAsync(RunEventListener? listener, TimeSpan remaining, CancellationToken cancellationToken)
    {
        if (listener is not null)
        {
            return !await listener.WaitAsync(remaining, cancellationToken);
        }

        var poll = options.Value.EventPollInterval;
        await Task.Delay(poll < remaining ? poll : remaining, cancellationToken);
        return poll >= remaining;
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
        using var listener = Push ? await notifications.ListenAsync(runId) : null;
        while (true)
        {
            var run = await runs.GetAsync(runId);
            if (run is not { IsActive: true })
            {
                return run;
            }

            if (listener is null)
            {
                await Task.Delay(options.Value.EventPollInterval, cancellationToken);
            }
            else
            {
                await listener.WaitAsync(options.Value.EventHeartbeatInterval, cancellationToken);
            }
        }
    }

    // Pushed streams know the status from the status events they sent; polling ones (and a stream resumed past the
    // last status event) ask the record.
    private async Task<bool> HasStoppedAsync(string runId, string? lastStatus) =>
        Push && lastStatus is not null
            ? lastStatus is not ("queued" or "running")
            : await runs.GetAsync(runId) is not { IsActive: true };

    private static string? StatusOf(string data)
    {
        using var document = JsonDocument.Parse(data);
        return document.RootElement.TryGetProperty("status", out var status) ? status.GetString() : null;
    }
}

/// <summary>What following a run's events yields: a batch of new events, a quiet spell (a heartbeat is due), or shutdown.</summary>
public abstract record RunEventSignal
{
    public sealed record Events(IReadOnlyList<RunEvent> Batch) : RunEventSignal;

    public sealed record Quiet : RunEventSignal;

    public sealed record ShuttingDown : RunEventSignal;
}
