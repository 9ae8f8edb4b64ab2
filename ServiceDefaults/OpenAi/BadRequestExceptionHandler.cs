using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>
/// Answers requests the framework could not bind (a field of the wrong type, a body that is not JSON, a missing
/// body, a wrong content type) with a 4xx that names the field at fault. The framework's own messages name .NET
/// types ("could not be converted to System.Collections.Generic.Dictionary`2..."), so none of them is passed on.
/// Minimal APIs throw these only with <c>RouteHandlerOptions.ThrowOnBadRequest</c>, which
/// <see cref="PlatformErrors"/> turns on.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (http.Response.HasStarted || Describe(exception) is not { } error)
        {
            return false;
        }

        http.Response.StatusCode = error.Status;
        if (PlatformErrors.IsOpenAiRoute(http))
        {
            await http.Response.WriteAsJsonAsync(OpenAiError.From(error.Status, error.Message, error.Param, error.Code), cancellationToken);
            return true;
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = error.Status, Detail = error.Message },
        });
    }

    /// <summary>What the client is told about a request that could not be bound, or null for any other failure.</summary>
    public static InvalidRequestException? Describe(Exception exception) => exception switch
    {
        InvalidRequestException invalid => invalid,
        BadHttpRequestException { InnerException: JsonException json } => FromJson(json),
        JsonException json => FromJson(json),
        BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
            new("The request body must be JSON, sent with 'Content-Type: application/json'.", null, StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type"),
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
            new("The request body is larger than the limit.", null, StatusCodes.Status413PayloadTooLarge, "request_too_large"),
        BadHttpRequestException bad when BodyParameter().IsMatch(bad.Message) =>
            new("The request body is required: a JSON object.", null, code: "missing_body"),
        BadHttpRequestException bad when NamedParameter().Match(bad.Message) is { Success: true } named =>
            new($"The parameter '{named.Groups["name"].Value}' has an invalid value.", named.Groups["name"].Value),
        BadHttpRequestException bad => new("The request is malformed.", null, bad.StatusCode),
        _ => null,
    };

    /// <summary>
    /// A JSON failure inside the body names its path (<c>$.metadata.key</c>); one at the root means the body is not
    /// JSON at all (or not the object expected).
    /// </summary>
    private static InvalidRequestException FromJson(JsonException json)
    {
        var param = FieldOf(json.Path);
        return param is null
            ? new("The request body is not a valid JSON object.", null, code: "invalid_json")
            : new($"The field '{param}' has the wrong type or shape.", param, code: "invalid_type");
    }

    /// <summary><c>$.tools[0].type</c> becomes <c>tools[0].type</c>; very deep paths keep their first 100 characters.</summary>
    public static string? FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
        field = field.Replace("['", ".", StringComparison.Ordinal).Replace("']", "", StringComparison.Ordinal).TrimStart('.');
        return field.Length > 100 ? field[..100] : field;
    }

    // The framework names the body parameter as "<Type> <name>" in messages like
    // 'Required parameter "AgentRequest body" was not provided from body.'
    [GeneratedRegex("^Required parameter \"[^\"]+\" was not provided from body\\.")]
    private static partial Regex BodyParameter();

    [GeneratedRegex("parameter \"\\S+ (?<name>[A-Za-z0-9_]+)\"")]
    private static partial Regex NamedParameter();
}
