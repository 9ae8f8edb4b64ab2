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

        builder.AddRunStore();
        builder.Services.AddSingleton<RunQueue>();
        builder.Services.AddSingleton<RunCancellations>();
        builder.Services.AddSingleton<RunFinisher>();
        builder.Services.AddSingleton<RunLauncher>();
        builder.Services.AddSingleton<RunApprovals>();
        builder.Services.AddSingleton<RunEventStream>();
        builder.Services.AddSingleton<RunExecutor>();
        builder.Services.AddSingleton<RunHandBack>();
        builder.Services.AddSingleton<RunProcessor>();
        builder.Services.AddHostedService<RunWorker>();

        builder.AddAgents();
        builder.AddThreads();
        builder.AddAgentTools();
        builder.AddModelClients();
        return builder;
    }

    /// <summary>The run records and events with their options and telemetry, which tools write to as well.</summary>
    internal static IHostApplicationBuilder AddRunStore(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AlreadyRegistered<RunStore>())
        {
            return builder;
        }

        builder.Services.AddOptions<RunOptions>().BindConfiguration(RunOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<RunStore>();
        builder.Services.TryAddSingleton<AgentTelemetry>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder;
    }
}
