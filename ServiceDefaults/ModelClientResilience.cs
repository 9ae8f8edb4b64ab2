using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace Platform.ServiceDefaults;

/// <summary>
/// Model calls run for minutes and are neither idempotent nor safe to retry once streaming has started,
/// so model clients swap the standard handler (10 s attempts, retries) for one long timeout and no retry.
/// </summary>
public static class ModelClientResilience
{
    /// <summary>Default end-to-end limit for one model call, streamed or not.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Replaces the standard handler with one timeout, read from <paramref name="timeout"/> when the pipeline is
    /// built (after options are bound and validated), never from configuration at registration time.
    /// </summary>
    public static IHttpClientBuilder AddModelClientResilience(this IHttpClientBuilder builder, Func<IServiceProvider, TimeSpan>? timeout = null)
    {
#pragma warning disable EXTEXP0001 // the supported way to replace the default handler for one client
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler("model-call", (pipeline, context) =>
            pipeline.AddTimeout(timeout?.Invoke(context.ServiceProvider) ?? DefaultTimeout));
        return builder;
    }
}
