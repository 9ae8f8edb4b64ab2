using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ModelService.Http;

/// <summary>OpenAI-style error results with their status, as typed results for the endpoint signatures.</summary>
public static class ApiErrors
{
    public static JsonHttpResult<OpenAiError> Error(int status, string message, string? param = null, string? code = null) =>
        TypedResults.Json(OpenAiError.From(status, message, param, code), statusCode: status);

    public static JsonHttpResult<OpenAiError> From(InvalidRequestException exception) =>
        Error(exception.Status, exception.Message, exception.Param, exception.Code);

    public static JsonHttpResult<OpenAiError> ModelNotFound(string model) =>
        Error(StatusCodes.Status404NotFound, $"The model '{model}' does not exist.", "model", "model_not_found");

    /// <summary>429 with <c>Retry-After</c>, for a full queue: the client should back off, not pile on.</summary>
    public static JsonHttpResult<OpenAiError> QueueFull(HttpContext http, string message)
    {
        http.Response.Headers.RetryAfter = "1";
        return Error(StatusCodes.Status429TooManyRequests, message, code: "queue_full");
    }

    public static JsonHttpResult<OpenAiError> ModelLoading(HttpContext http, string model)
    {
        http.Response.Headers.RetryAfter = "5";
        return Error(StatusCodes.Status503ServiceUnavailable, $"The model '{model}' is not ready yet.", "model", "model_not_ready");
    }
}
