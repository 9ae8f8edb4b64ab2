using Platform.ServiceDefaults.Tenancy;

namespace Platform.AgentService.Quotas;

public static class QuotasExtensions
{
    /// <summary>
    /// Per-tenant quotas (<c>Quotas</c> defaults, overridden per tenant through <see cref="TenantQuotaOverrides"/>); the
    /// endpoint groups answer refused writes with <see cref="QuotaErrors.HandleRefusedWrites"/>.
    /// </summary>
    public static IHostApplicationBuilder AddQuotas(this IHostApplicationBuilder builder)
    {
        if (builder.Services.AlreadyRegistered<TenantLimits>())
        {
            return builder;
        }

        builder.Services.AddOptions<QuotaOptions>().BindConfiguration(QuotaOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.AddTenantQuotaOverrides();
        builder.Services.AddSingleton<TenantLimits>();
        return builder;
    }
}
