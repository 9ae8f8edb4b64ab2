using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Platform.ServiceDefaults.Tenancy;

public static class TenancyExtensions
{
    /// <summary>Registers <see cref="TenantQuotaOverrides"/>; the service must also call <c>AddRedisState</c>.</summary>
    public static TBuilder AddTenantQuotaOverrides<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<TenantQuotaOptions>()
            .BindConfiguration(TenantQuotaOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<TenantQuotaOverrides>();
        return builder;
    }
}
