namespace Platform.AgentService.Threads;

public static class ThreadsExtensions
{
    /// <summary>Threads and their message history in Redis.</summary>
    public static IHostApplicationBuilder AddThreads(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton<ThreadStore>();
        return builder;
    }
}
