using Platform.ModelService.Registry;

namespace Platform.ModelService.Chat;

public static class ChatServingExtensions
{
    /// <summary>The optional chat provider from <c>ConnectionStrings:llm</c>, validated at start-up when present.</summary>
    public static IHostApplicationBuilder AddChatProvider(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<LlmSettings>()
            .Configure(settings => settings.ConnectionString = builder.Configuration.GetConnectionString(LlmConnection.Name))
            .Validate(settings => settings.IsAbsentOrValid,
                $"The setting '{LlmConnection.SettingName}' is malformed; expected '{LlmConnection.ExpectedFormat}'.")
            .ValidateOnStart();

        var timeout = builder.Configuration.GetValue<TimeSpan?>($"{ModelServingOptions.Section}:{nameof(ModelServingOptions.ChatTimeout)}")
            ?? new ModelServingOptions().ChatTimeout;
        builder.Services.AddHttpClient(ChatProvider.HttpClientName).AddModelClientResilience(timeout);
        builder.Services.AddSingleton<ChatProvider>();
        return builder;
    }
}
