namespace Platform.Gateway.Keys;

public static class KeyManagementExtensions
{
    /// <summary>Keys issued through the admin API, kept hashed in Redis (section <c>KeyManagement</c>).</summary>
    public static WebApplicationBuilder AddKeyManagement(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<KeyManagementOptions>()
            .BindConfiguration(KeyManagementOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.AddTenantQuotaOverrides();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ApiKeyRecords>();
        builder.Services.AddSingleton<StoredKeyLookup>();
        builder.Services.AddSingleton<TenantQuotaWriter>();
        builder.Services.AddSingleton<ApiKeyLifecycle>();
        builder.Services.AddSingleton<KeyChanges>();
        builder.Services.AddHostedService(services => services.GetRequiredService<KeyChanges>());
        return builder;
    }
}
