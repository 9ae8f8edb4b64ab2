namespace Platform.AgentService.Apis;

public static class JsonExtensions
{
    /// <summary>snake_case JSON on the wire, as in the OpenAI API.</summary>
    public static IHostApplicationBuilder AddSnakeCaseJson(this IHostApplicationBuilder builder)
    {
        builder.Services.ConfigureHttpJsonOptions(options => AgentJson.Configure(options.SerializerOptions));
        return builder;
    }
}
