using Microsoft.Extensions.Options;

namespace Platform.ModelService.Registry;

public static class ModelRegistryExtensions
{
    /// <summary>The model registry behind <c>/v1/models</c>: the configured embedding models and the chat model.</summary>
    public static IHostApplicationBuilder AddModelRegistry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddModelServingOptions();
        builder.Services.TryAddSingleton<ModelRegistry>();
        return builder;
    }

    /// <summary>
    /// Binds and validates <c>ModelServing</c>, once however many features need it (the registry, the embedding
    /// models and the chat provider each do).
    /// </summary>
    public static IServiceCollection AddModelServingOptions(this IServiceCollection services)
    {
        if (services.Any(service => service.ImplementationType == typeof(ModelServingOptionsValidator)))
        {
            return services;
        }

        services.AddOptions<ModelServingOptions>()
            .BindConfiguration(ModelServingOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ModelServingOptions>, ModelServingOptionsValidator>();
        return services;
    }
}
