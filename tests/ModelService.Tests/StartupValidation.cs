using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Platform.ModelService.Tests;

/// <summary>
/// Starts a host with the service's own registration methods and the given settings, and returns why
/// start-up failed. A plain host fails deterministically; a WebApplicationFactory whose entry point throws
/// at start-up can surface a disposal race instead of the validation error.
/// </summary>
internal static class StartupValidation
{
    public static async Task<string> FailureAsync(Action<IHostApplicationBuilder> register, IReadOnlyDictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder);
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Exception>(() => host.StartAsync());
        return Errors.Flatten(error);
    }
}
