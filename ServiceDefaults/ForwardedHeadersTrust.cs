using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Platform.ServiceDefaults;

/// <summary>
/// Which peers may tell a service, through <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c>, who the client
/// is (section <c>ForwardedHeaders</c>). None by default: a peer's own address and scheme are used, whatever
/// headers it sends. In a cluster, list the edge proxies' range, so the gateway sees clients' addresses.
/// </summary>
public sealed class ForwardedHeadersTrustOptions : IValidatableObject
{
    public const string Section = "ForwardedHeaders";

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) whose peers are trusted proxies. Default none.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>Single proxy addresses trusted. Default none.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>How many proxies in front are trusted, right to left in the header. Default 1.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;

    public bool TrustsAnyone => KnownNetworks.Count > 0 || KnownProxies.Count > 0;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var network in KnownNetworks.Where(network => !System.Net.IPNetwork.TryParse(network, out _)))
        {
            yield return new ValidationResult($"'{Section}:KnownNetworks' holds '{network}', which is not a network in CIDR notation.");
        }

        foreach (var proxy in KnownProxies.Where(proxy => !IPAddress.TryParse(proxy, out _)))
        {
            yield return new ValidationResult($"'{Section}:KnownProxies' holds '{proxy}', which is not an IP address.");
        }
    }
}

public static class ForwardedHeadersTrust
{
    /// <summary>
    /// Binds the trust options and makes ASP.NET Core's forwarded-headers settings follow them, even where
    /// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> is set (which alone would trust every peer): no trusted proxy
    /// means no forwarded header is applied.
    /// </summary>
    public static TBuilder AddForwardedHeadersTrust<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<ForwardedHeadersTrustOptions>()
            .BindConfiguration(ForwardedHeadersTrustOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddOptions<ForwardedHeadersOptions>()
            .PostConfigure<IOptions<ForwardedHeadersTrustOptions>>((options, trust) =>
            {
                options.KnownIPNetworks.Clear();
                options.KnownProxies.Clear();
                foreach (var network in trust.Value.KnownNetworks)
                {
                    options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                }

                foreach (var proxy in trust.Value.KnownProxies)
                {
                    options.KnownProxies.Add(IPAddress.Parse(proxy));
                }

                options.ForwardLimit = trust.Value.ForwardLimit;
                options.ForwardedHeaders = trust.Value.TrustsAnyone
                    ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto
                    : ForwardedHeaders.None;
            });
        return builder;
    }

    /// <summary>Applies forwarded headers from trusted proxies only, when any is configured.</summary>
    internal static IApplicationBuilder UseTrustedForwardedHeaders(this IApplicationBuilder app) =>
        app.ApplicationServices.GetRequiredService<IOptions<ForwardedHeadersTrustOptions>>().Value.TrustsAnyone
            ? app.UseForwardedHeaders()
            : app;
}
