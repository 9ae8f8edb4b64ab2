using Platform.AgentService.Models;

namespace Platform.AgentService.Runs;

public static class RunsExtensions
{
    /// <summary>Runs: the Redis Streams queue, the workers that execute the agent loop, and the model client it uses.</summary>
    public static IHostApplicationBuilder AddRuns(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RunOptions>().BindConfiguration(RunOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<ModelClientOptions>().BindConfiguration(ModelClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        var timeout = builder.Configuration.GetSection(ModelClientOptions.Section).GetValue<TimeSpan?>(nameof(ModelClientOptions.Timeout));
        builder.Services.AddHttpClient(ModelClients.HttpClientName).AddModelClientResilience(timeout ?? new ModelClientOptions().Timeout);
        builder.Services.AddSingleton<ModelClients>();

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
        if (builder.Configuration.GetSection(RunOptions.Section).GetValue<bool?>(nameof(RunOptions.WorkerEnabled)) ?? true)
        {
            builder.Services.AddHostedService<RunWorker>();
        }

        return builder;
    }
}
