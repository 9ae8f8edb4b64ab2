using Microsoft.Extensions.Options;
using Platform.ModelService.Registry;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Chat;

public static class ChatServingExtensions
{
    /// <summary>The optional chat provider from <c>ConnectionStrings:llm</c>, validated at start-up when present.</summary>
    public static IHostApplicationBuilder AddChatProvider(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmSettings>()
            .BindConfiguration(LlmSettings.Section)
            .ValidateDataAnnotations()
            .Validate(settings => settings.IsAbsentOrValid,
                $"The setting '{LlmConnection.SettingName}' is malformed; expected '{LlmConnection.ExpectedFormat}'.")
            .ValidateOnStart();
        builder.AddModelRegistry();
        builder.Services.AddHttpClient(ChatProvider.HttpClientName)
            .AddModelClientResilience(services => services.GetRequiredService<IOptions<ModelServingOptions>>().Value.ChatTimeout);
        builder.Services.AddSingleton<ChatProvider>();
        builder.Services.TryAddSingleton<ModelTelemetry>();
        return builder;
    }
}
