using Microsoft.Extensions.Options;
using Platform.ServiceDefaults.Identity;

namespace Platform.AgentService.Models;

public static class ModelClientsExtensions
{
    /// <summary>Chat and embedding clients for the <c>models</c> service (section <c>Models</c>), with the model-call timeout.</summary>
    public static IHostApplicationBuilder AddModelClients(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AlreadyRegistered<ModelClients>())
        {
            return builder;
        }

        builder.Services.AddOptions<ModelClientOptions>().BindConfiguration(ModelClientOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddIdentitySigning();
        builder.Services.AddTransient<ModelCallerHandler>();
        // The caller's headers are set first and signed last, so every attempt carries a fresh signature over them.
        builder.Services.AddHttpClient(ModelClients.HttpClientName)
            .AddHttpMessageHandler<ModelCallerHandler>()
            .AddModelClientResilience(services => services.GetRequiredService<IOptions<ModelClientOptions>>().Value.Timeout)
            .AddIdentitySigningHandler();
        builder.Services.AddSingleton<ModelClients>();
        return builder;
    }
}
