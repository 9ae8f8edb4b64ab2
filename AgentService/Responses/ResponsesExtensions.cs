using Platform.AgentService.Runs;

namespace Platform.AgentService.Responses;

public static class ResponsesExtensions
{
    /// <summary>The OpenAI Responses and Conversations APIs, served on runs, threads and agents.</summary>
    public static IHostApplicationBuilder AddResponses(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AlreadyRegistered<ResponseLauncher>())
        {
            return builder;
        }

        builder.Services.AddOptions<ResponsesOptions>().BindConfiguration(ResponsesOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<ResponseStore>();
        builder.Services.AddSingleton<ResponseLauncher>();
        builder.Services.AddSingleton<ResponseStreams>();
        builder.Services.AddSingleton<ResponseRemoval>();
        builder.Services.AddSingleton<ConversationHistory>();
        builder.Services.AddSingleton<ResponseTelemetry>();
        builder.AddRuns();
        return builder;
    }
}
