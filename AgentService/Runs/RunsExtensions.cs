using Platform.AgentService.Agents;
using Platform.AgentService.Models;
using Platform.AgentService.Threads;
using Platform.AgentService.Tools;

namespace Platform.AgentService.Runs;

public static class RunsExtensions
{
    /// <summary>
    /// Runs: the Redis Streams queue, the workers that execute the agent loop, and what that loop works with
    /// (agents, threads, tools and the model clients).
    /// </summary>
    public static IHostApplicationBuilder AddRuns(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AlreadyRegistered<RunLauncher>())
        {
            return builder;
        }

        builder.Services.AddOptions<RunOptions>().BindConfiguration(RunOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<AgentTelemetry>();
        builder.Services.AddSingleton<RunStore>();
        builder.Services.AddSingleton<RunQueue>();
        builder.Services.AddSingleton<RunCancellations>();
        builder.Services.AddSingleton<ThreadTurns>();
        builder.Services.AddSingleton<RunLifecycle>();
        builder.Services.AddSingleton<RunLauncher>();
        builder.Services.AddSingleton<RunApprovals>();
        builder.Services.AddSingleton<RunEventNotifications>();
        builder.Services.AddSingleton<RunEventStream>();
        builder.Services.AddSingleton<DeltaWriterFactory>();
        builder.Services.AddSingleton<RunExecutor>();
        builder.Services.AddSingleton<RunProcessor>();
        builder.Services.AddHostedService<RunWorker>();

        builder.AddAgents();
        builder.AddThreads();
        builder.AddAgentTools();
        builder.AddModelClients();
        return builder;
    }
}
