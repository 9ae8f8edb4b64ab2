using Platform.ServiceDefaults.Tenancy;

namespace Platform.ModelService.Usage;

public static class UsageExtensions
{
    /// <summary>Usage metering and token quotas per tenant, on the shared Redis (<c>ConnectionStrings:redis</c>).</summary>
    public static IHostApplicationBuilder AddUsageMetering(this IHostApplicationBuilder builder)
    {
        builder.AddRedisState();
        builder.AddTenantQuotaOverrides();
        builder.Services.AddOptions<UsageOptions>()
            .BindConfiguration(UsageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<Telemetry.ModelTelemetry>();
        builder.Services.AddSingleton<TenantLabels>();
        builder.Services.AddSingleton<UsageTelemetry>();
        builder.Services.AddSingleton<UsageStore>();
        builder.Services.AddSingleton<TokenQuotas>();
        builder.Services.AddSingleton<UsageMeter>();
        return builder;
    }
}
