using Microsoft.Extensions.Options;

namespace Platform.ModelService.Registry;

public static class ModelRegistryExtensions
{
    /// <summary>Binds and validates <c>ModelServing</c> and registers the model registry.</summary>
    public static IHostApplicationBuilder AddModelRegistry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ModelServingOptions>()
            .Bind(builder.Configuration.GetSection(ModelServingOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ModelServingOptions>, ModelServingOptionsValidator>();
        builder.Services.AddSingleton<ModelRegistry>();
        return builder;
    }
}
