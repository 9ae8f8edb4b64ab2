namespace Platform.Gateway.Cors;

/// <summary>Browser access (section <c>Cors</c>): off unless origins are listed.</summary>
public sealed class GatewayCorsOptions
{
    public const string Section = "Cors";

    /// <summary>Origins allowed to call the API from a browser, e.g. <c>https://app.example.com</c>. Default: none.</summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>Response headers a browser script may read.</summary>
    public List<string> ExposedHeaders { get; set; } = ["x-request-id", "x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-reset", "retry-after"];
}
