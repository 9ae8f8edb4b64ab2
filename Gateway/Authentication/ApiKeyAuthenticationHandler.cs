using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Platform.Gateway.Keys;

namespace Platform.Gateway.Authentication;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;key&gt;</c> or <c>api-key: &lt;key&gt;</c> (the header OpenAI-compatible
/// SDKs send): first against the configured hashes, in memory, then against the keys issued through the admin API.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    ApiKeyStore store,
    StoredKeyLookup issued)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "api-key";

    // Configured keys are answered from memory with a result built once per key; only other keys go to Redis.
    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var key = PresentedKey(Request);
        if (key is null)
        {
            return NoKey;
        }

        return store.Find(key) is { } client ? client.Authenticated : FindIssuedAsync(key);
    }

    private async Task<AuthenticateResult> FindIssuedAsync(string key) => await issued.FindAsync(key) ?? IncorrectKey;

    private static readonly Task<AuthenticateResult> NoKey = Task.FromResult(AuthenticateResult.NoResult());

    private static readonly AuthenticateResult IncorrectKey = AuthenticateResult.Fail("Incorrect API key provided.");

    /// <summary>
    /// The identity of a stored key: its client id and one <c>scope</c> claim per scope. Built once per key and
    /// shared by its requests; nothing on the gateway's request path changes a principal.
    /// </summary>
    internal static Task<AuthenticateResult> AuthenticatedAs(string clientId, IEnumerable<string> scopes, string? keyId = null)
    {
        Claim[] claims =
        [
            new(PlatformClaims.ClientId, clientId),
            .. scopes.Select(scope => new Claim(PlatformClaims.Scope, scope)),
            .. keyId is null ? [] : new[] { new Claim(PlatformClaims.KeyId, keyId) },
        ];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName, PlatformClaims.ClientId, null));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = PresentedKey(Request) is null
            ? "Bearer realm=\"platform\""
            : "Bearer realm=\"platform\", error=\"invalid_token\"";
        return Task.CompletedTask;
    }

    internal static string? PresentedKey(HttpRequest request)
    {
        if (request.Headers[HeaderName].ToString() is { Length: > 0 } apiKey)
        {
            return apiKey.Trim();
        }

        return BearerToken(request);
    }

    internal static string? BearerToken(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && authorization.Length > prefix.Length
            ? authorization[prefix.Length..].Trim()
            : null;
    }
}
