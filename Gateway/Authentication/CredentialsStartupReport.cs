using Microsoft.Extensions.Options;

namespace Platform.Gateway.Authentication;

/// <summary>Says at start-up which credentials the gateway accepts, and warns when it accepts none.</summary>
internal sealed class CredentialsStartupReport(IOptions<GatewayAuthenticationOptions> options, ILogger<CredentialsStartupReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (settings.ApiKeys.Count == 0 && !settings.Jwt.Enabled)
        {
            logger.LogWarning("No API keys and no JWT authority are configured: every /v1 request will be answered 401. Set '{Section}:ApiKeys' or '{Section}:Jwt'.",
                GatewayAuthenticationOptions.Section, GatewayAuthenticationOptions.Section);
        }
        else
        {
            logger.LogInformation("Accepting {KeyCount} API key(s); JWT bearer tokens {JwtState}.",
                settings.ApiKeys.Count, settings.Jwt.Enabled ? "enabled" : "disabled");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
