using Microsoft.Extensions.Options;

namespace Platform.AgentService.Runs;

/// <summary>
/// A queue consumer in every replica: takes the next run fairly across tenants (<see cref="RunQueue.TakeAsync"/>), heartbeats the ones it holds, and every
/// <see cref="RunOptions.ReclaimInterval"/> takes over entries whose worker went silent (XAUTOCLAIM) and samples
/// the queue length for metrics. At most <see cref="RunOptions.MaxConcurrentRuns"/> runs execute at once.
/// </summary>
public sealed class RunWorker(IServiceProvider services, IHostApplicationLifetime lifetime, IOptions<RunOptions> options, ILogger<RunWorker> logger)
    : BackgroundService
{
    // Resolved when the worker starts, after start-up validation, so a bad Redis setting is reported by name first.
    private RunQueue _queue = null!;
    private RunProcessor _processor = null!;
    private AgentTelemetry _telemetry = null!;
    private RunLifecycle _lifecycle = null!;
    private readonly string _consumer = $"{Environment.MachineName}-{Guid.NewGuid():N}";
    private readonly List<Task> _inFlight = [];
    private SemaphoreSlim? _slots;

    protected override async Task ExecuteAsync(CancellationToken hostStopping)
    {
        // Stop taking work, and hand back the runs held, as soon as the application starts stopping: before the
        // web server drains its requests, not after.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(hostStopping, lifetime.ApplicationStopping);
        var stoppingToken = stopping.Token;
        var settings = options.Value;
        if (!settings.WorkerEnabled)
        {
            logger.LogInformation("Run workers are switched off on this replica (Runs:WorkerEnabled)");
            return;
        }

        _queue = services.GetRequiredService<RunQueue>();
        _processor = services.GetRequiredService<RunProcessor>();
        _telemetry = services.GetRequiredService<AgentTelemetry>();
        _lifecycle = services.GetRequiredService<RunLifecycle>();
        var cancellations = services.GetRequiredService<RunCancellations>();
        _slots = new SemaphoreSlim(settings.MaxConcurrentRuns);
        await WhenRedisAnswersAsync(async () =>
        {
            await _queue.EnsureGroupAsync();
            await cancellations.SubscribeAsync();
        }, stoppingToken);
        logger.LogInformation("Run worker {Consumer} started", _consumer);

        var reclaiming = ReclaimLoopAsync(stoppingToken);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stoppingToken);
                // Taken only with a free slot, so runs wait in their tenants' lines, where the queue is fair, not here.
                if (await _queue.TakeAsync(_consumer) is not { } entry)
                {
                    _slots.Release();
                    await Task.Delay(settings.PollInterval, stoppingToken);
                    continue;
                }

                Start(entry, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (RedisException exception)
            {
                _slots.Release();
                logger.LogWarning(exception, "Reading the run queue failed; retrying");
                await Task.Delay(settings.PollInterval * 4, CancellationToken.None);
            }
        }

        await reclaiming;
        Task[] remaining;
        lock (_inFlight)
        {
            remaining = [.. _inFlight];
        }

        await Task.WhenAll(remaining);
    }

    private async Task ReclaimLoopAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(settings.ReclaimInterval, stoppingToken);
                _telemetry.QueueMeasured(await _queue.MeasureAsync());
                await _lifecycle.ExpireOverdueWaitingAsync();
                while (_slots!.CurrentCount > 0 && await _slots.WaitAsync(0, stoppingToken))
                {
                    var entries = await _queue.ReclaimAsync(_consumer, 1);
                    if (entries.Count == 0)
                    {
                        _slots.Release();
                        break;
                    }

                    Start(entries[0], stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (RedisException exception)
            {
                logger.LogWarning(exception, "Reclaiming runs failed; retrying");
            }
        }
    }

    private void Start(QueueEntry entry, CancellationToken stoppingToken)
    {
        var task = Task.Run(() => ProcessAsync(entry, stoppingToken), CancellationToken.None);
        lock (_inFlight)
        {
            _inFlight.Add(task);
        }

        _ = task.ContinueWith(done =>
        {
            lock (_inFlight)
            {
                _inFlight.Remove(done);
            }
        }, TaskScheduler.Default);
    }

    private async Task ProcessAsync(QueueEntry entry, CancellationToken stoppingToken)
    {
        using var heartbeatStop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var heartbeat = HeartbeatAsync(entry, heartbeatStop.Token);
        try
        {
            if (await _processor.ProcessAsync(entry, stoppingToken))
            {
                await _queue.AcknowledgeAsync(entry.Id);
            }
        }
        catch (Exception exception)
        {
            // Left unacknowledged: after the visibility timeout a worker reclaims it and decides again.
            logger.LogError(exception, "Processing run {RunId} failed unexpectedly", entry.RunId);
        }
        finally
        {
            await heartbeatStop.CancelAsync();
            await heartbeat;
            _slots!.Release();
        }
    }

    private async Task HeartbeatAsync(QueueEntry entry, CancellationToken cancellationToken)
    {
        var every = options.Value.VisibilityTimeout / 3;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(every, cancellationToken);
                await _queue.HeartbeatAsync(_consumer, entry.Id);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (RedisException exception)
            {
                logger.LogWarning(exception, "Heartbeat for run {RunId} failed", entry.RunId);
            }
        }
    }

    private async Task WhenRedisAnswersAsync(Func<Task> action, CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await action();
                return;
            }
            catch (RedisException exception)
            {
                logger.LogWarning(exception, "Redis is not answering; the run worker waits");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    public override void Dispose()
    {
        _slots?.Dispose();
        base.Dispose();
    }
}
