using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ServiceDefaults;

/// <summary>
/// The OpenAI-style error answers of every <c>/v1</c> endpoint (<c>{"error":{"message","type","param","code"}}</c>),
/// as typed results for the endpoint signatures, so the OpenAPI documents name them.
/// </summary>
public static class ApiErrors
{
    public static JsonHttpResult<OpenAiError> Error(int status, string message, string? param = null, string? code = null) =>
        TypedResults.Json(OpenAiError.From(status, message, param, code), statusCode: status);

    public static JsonHttpResult<OpenAiError> From(InvalidRequestException exception) =>
        Error(exception.Status, exception.Message, exception.Param, exception.Code);

    public static JsonHttpResult<OpenAiError> Invalid(string param, string message) =>
        Error(StatusCodes.Status400BadRequest, message, param);

    public static JsonHttpResult<OpenAiError> NotFound(string what, string id) =>
        Error(StatusCodes.Status404NotFound, $"No {what} found with id '{id}'.");

    public static JsonHttpResult<OpenAiError> TooLarge(string param, string message) =>
        Error(StatusCodes.Status413PayloadTooLarge, message, param);

    public static JsonHttpResult<OpenAiError> Conflict(string message, string code) =>
        Error(StatusCodes.Status409Conflict, message, code: code);

    public static JsonHttpResult<OpenAiError> ModelNotFound(string model) =>
        Error(StatusCodes.Status404NotFound, $"The model '{model}' does not exist.", "model", "model_not_found");

    /// <summary>400 for a model that exists but serves another operation (a chat model on embeddings, or the reverse).</summary>
    public static JsonHttpResult<OpenAiError> WrongModelKind(string model, string kind) =>
        Error(StatusCodes.Status400BadRequest, $"The model '{model}' is not {kind} model.", "model", "wrong_model_kind");

    /// <summary>429 with <c>Retry-After</c>, for a full queue: the client should back off, not pile on.</summary>
    public static JsonHttpResult<OpenAiError> QueueFull(HttpContext http, string message, string code = "queue_full")
    {
        http.Response.Headers.RetryAfter = "1";
        return Error(StatusCodes.Status429TooManyRequests, message, code: code);
    }

    public static JsonHttpResult<OpenAiError> ModelLoading(HttpContext http, string model)
    {
        http.Response.Headers.RetryAfter = "5";
        return Error(StatusCodes.Status503ServiceUnavailable, $"The model '{model}' is not ready yet.", "model", "model_not_ready");
    }
}
