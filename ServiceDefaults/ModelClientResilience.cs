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

    public static IHttpClientBuilder AddModelClientResilience(this IHttpClientBuilder builder, TimeSpan? timeout = null)
    {
        var limit = timeout ?? DefaultTimeout;
#pragma warning disable EXTEXP0001 // the supported way to replace the default handler for one client
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler("model-call", pipeline => pipeline.AddTimeout(limit));
        return builder;
    }
}
