using System.ComponentModel.DataAnnotations;

namespace Platform.AgentService.Runs;

/// <summary>Section <c>Runs</c>: limits and timing of runs and of the queue workers.</summary>
public sealed class RunOptions
{
    public const string Section = "Runs";

    /// <summary>Model calls a run may make when its agent sets no limit.</summary>
    [Range(1, 1000)]
    public int DefaultMaxSteps { get; set; } = 16;

    /// <summary>Wall-clock budget of a run when its agent sets none, counted from creation (waiting for approval included).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DefaultDeadline { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Longest accepted <c>input</c>, in characters; longer answers 413.</summary>
    [Range(1, 10_000_000)]
    public int MaxInputChars { get; set; } = 32_000;

    /// <summary>A queue entry whose worker stopped heartbeating for this long is reclaimed by another worker.</summary>
    [Range(typeof(TimeSpan), "00:00:00.200", "01:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a worker looks for runs to reclaim and samples queue metrics.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan ReclaimInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a worker waits before polling an empty queue again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Runs one replica executes at the same time.</summary>
    [Range(1, 1024)]
    public int MaxConcurrentRuns { get; set; } = 8;

    /// <summary>Starts of one run (first start plus reclaims) before it is failed with <c>worker_lost</c>.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 3;

    /// <summary>How long finished runs and their events are kept in Redis.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan RetainFor { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long an <c>Idempotency-Key</c> maps to its run.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Runs that may wait behind a thread's active run (<c>enqueue</c>, <c>interrupt</c>, <c>rollback</c>); beyond, 409.</summary>
    [Range(0, 1000)]
    public int MaxWaitingRunsPerThread { get; set; } = 16;

    /// <summary>Longest a model's text or tool-call arguments are held before being written as one delta event.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan DeltaInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Characters held at most before a delta event is written, whatever the interval.</summary>
    [Range(1, 1_000_000)]
    public int DeltaMaxChars { get; set; } = 512;

    /// <summary>How event streams learn of new events: pushed by Redis pub/sub (default) or polled (the former way).</summary>
    public EventDelivery EventDelivery { get; set; } = EventDelivery.Push;

    /// <summary>With <see cref="EventDelivery.Poll"/>: how often an open event stream reads Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan EventPollInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// A run's event stream sends an SSE comment (<c>: heartbeat</c>) after this long without an event, so proxies and
    /// the edge (stream idle timeout 5 min) never see a silent stream; with push delivery it also reads Redis once
    /// then, in case a notification was lost. Default 15 s.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan EventHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>The SSE <c>retry:</c> a client waits before reconnecting when a stream ends for a shutdown. Default 1 s.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan EventReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Redis stream of queued runs; KEDA scales <c>agents</c> on its consumer-group lag.</summary>
    [Required]
    public string QueueStream { get; set; } = "runs:queue";

    /// <summary>Consumer group every replica's workers join.</summary>
    [Required]
    public string QueueGroup { get; set; } = "workers";

    /// <summary>
    /// On shutdown a worker puts the runs it holds back in the queue at once (status <c>queued</c>, the attempt not
    /// counted), so another replica resumes them from their checkpoint within a poll instead of after the
    /// visibility timeout. Off: they stay pending and are reclaimed like the runs of a worker that died.
    /// </summary>
    public bool HandBackOnShutdown { get; set; } = true;

    /// <summary>Whether this replica runs queue workers (an API-only replica sets false).</summary>
    public bool WorkerEnabled { get; set; } = true;
}

/// <summary>How an open event stream learns that its run has new events.</summary>
public enum EventDelivery
{
    /// <summary>Woken by a Redis pub/sub message published with each event: nothing is read while nothing happens.</summary>
    Push,

    /// <summary>Reads the stream every <see cref="RunOptions.EventPollInterval"/>; kept for comparison and for Redis proxies without pub/sub.</summary>
    Poll,
}
