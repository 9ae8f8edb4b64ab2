using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>The OpenAI error body, <c>{"error":{"message","type","param","code"}}</c>, used on every <c>/v1</c> route.</summary>
public sealed record OpenAiError(OpenAiErrorDetail Error)
{
    public static OpenAiError From(int status, string message, string? param = null, string? code = null) =>
        new(new OpenAiErrorDetail(message, TypeFor(status), param, code ?? CodeFor(status)));

    /// <summary>The error and its status as a result, for minimal API handlers (<see cref="ApiErrors"/> names the common ones).</summary>
    public static IResult Result(int status, string message, string? param = null, string? code = null) =>
        ApiErrors.Error(status, message, param, code);

    /// <summary>
    /// The <c>error.message</c> of an OpenAI-style error body (what a provider or another service wrote for its
    /// clients), or null when the body is not one.
    /// </summary>
    public static string? MessageIn(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            return document.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error) && error.ValueKind == System.Text.Json.JsonValueKind.Object
                && error.TryGetProperty("message", out var message) && message.ValueKind == System.Text.Json.JsonValueKind.String
                && message.GetString() is { Length: > 0 } text
                ? text
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public static string TypeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "invalid_request_error",
        StatusCodes.Status401Unauthorized => "authentication_error",
        StatusCodes.Status403Forbidden => "permission_error",
        StatusCodes.Status404NotFound => "not_found_error",
        StatusCodes.Status409Conflict => "conflict_error",
        StatusCodes.Status413PayloadTooLarge => "invalid_request_error",
        StatusCodes.Status415UnsupportedMediaType => "invalid_request_error",
        StatusCodes.Status429TooManyRequests => "rate_limit_error",
        StatusCodes.Status503ServiceUnavailable => "service_unavailable_error",
        StatusCodes.Status504GatewayTimeout => "timeout_error",
        >= 500 => "server_error",
        _ => "invalid_request_error",
    };

    private static string? CodeFor(int status) => status switch
    {
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "request_too_large",
        StatusCodes.Status429TooManyRequests => "rate_limit_exceeded",
        _ => null,
    };
}

public sealed record OpenAiErrorDetail(
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("param")] string? Param,
    [property: JsonPropertyName("code")] string? Code);
