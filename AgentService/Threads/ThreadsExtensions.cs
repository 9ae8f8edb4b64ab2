using Platform.AgentService.Quotas;

namespace Platform.AgentService.Threads;

public static class ThreadsExtensions
{
    /// <summary>Threads and their message history in Redis, counted against their owner's quotas.</summary>
    public static IHostApplicationBuilder AddThreads(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AlreadyRegistered<ThreadStore>())
        {
            return builder;
        }

        builder.Services.AddOptions<ThreadOptions>().BindConfiguration(ThreadOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ThreadStore>();
        builder.AddQuotas();
        return builder;
    }
}
