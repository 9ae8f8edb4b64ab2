using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Platform.Gateway.Tests.Support;

/// <summary>JWTs signed with the test gateway's shared key, and the settings that make a gateway accept them.</summary>
public static class TestTokens
{
    public const string SigningKey = "a-test-signing-key-of-at-least-32-bytes!";
    public const string Issuer = "https://issuer.test";
    public const string Audience = "platform";

    public static GatewaySettings WithJwt(this GatewaySettings settings) => settings
        .With("Authentication:Jwt:SigningKey", SigningKey)
        .With("Authentication:Jwt:Issuer", Issuer)
        .With("Authentication:Jwt:Audience", Audience);

    public static string Create(Dictionary<string, object> claims, string key = SigningKey, string issuer = Issuer, string? audience = Audience) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            Claims = claims,
            Expires = DateTime.UtcNow.AddMinutes(5),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    public static Task<HttpResponseMessage> SendAsync(GatewayInstance gateway, string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        return gateway.Client.SendAsync(request);
    }
}
