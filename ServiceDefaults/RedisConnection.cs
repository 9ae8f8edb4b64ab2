using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Platform.ServiceDefaults;

/// <summary>
/// The shared Redis connection (<c>ConnectionStrings:redis</c>): validated at start-up, traced, and
/// checked by <c>/health/ready</c>. The connection retries in the background, so Redis going away makes
/// the replica unready rather than crashing it.
/// </summary>
public static class RedisConnection
{
    public const string Name = "redis";
    public const string SettingName = "ConnectionStrings:" + Name;

    public static TBuilder AddRedisState<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<RedisSettings>()
            .BindConfiguration(RedisSettings.Section)
            .ValidateDataAnnotations()
            .Validate(IsValid, $"The setting '{SettingName}' is missing or malformed; expected 'host:port[,password=...]'.")
            .ValidateOnStart();

        builder.AddRedisClient(Name, configureOptions: options =>
        {
            options.AbortOnConnectFail = false;
            options.ConnectTimeout = 5_000;
        });
        return builder;
    }

    private static bool IsValid(RedisSettings settings)
    {
        if (string.IsNullOrWhiteSpace(settings.Redis))
        {
            return false;
        }

        try
        {
            return ConfigurationOptions.Parse(settings.Redis).EndPoints.Count > 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>The Redis setting as read at start-up: <c>ConnectionStrings:redis</c>.</summary>
    public sealed class RedisSettings
    {
        public const string Section = "ConnectionStrings";

        public string? Redis { get; set; }
    }
}
