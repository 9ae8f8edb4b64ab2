using System.ClientModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ModelService.Http;
using Polly.Timeout;

namespace Platform.ModelService.Chat;

/// <summary>Maps a failed provider call to what our client should see: its own mistakes pass through, ours become 502/504.</summary>
internal static class UpstreamErrors
{
    public static JsonHttpResult<OpenAiError> Timeout =>
        ApiErrors.Error(StatusCodes.Status504GatewayTimeout, "The chat provider did not answer in time.", code: "upstream_timeout");

    public static JsonHttpResult<OpenAiError>? ToResult(Exception exception) => exception switch
    {
        _ when IsTimeout(exception) => Timeout,
        ClientResultException { Status: 400 or 404 or 422 } result => ApiErrors.Error(StatusCodes.Status400BadRequest, RejectionOf(result), code: "upstream_rejected"),
        ClientResultException { Status: 429 } => ApiErrors.Error(StatusCodes.Status429TooManyRequests, "The chat provider is rate limiting; retry later.", code: "upstream_rate_limited"),
        ClientResultException { Status: 401 or 403 } => ApiErrors.Error(StatusCodes.Status502BadGateway, "The chat provider refused the platform's credentials.", code: "upstream_unauthorized"),
        ClientResultException { Status: > 0 } result => ApiErrors.Error(StatusCodes.Status502BadGateway, $"The chat provider failed with status {result.Status}.", code: "upstream_error"),
        ClientResultException or HttpRequestException => ApiErrors.Error(StatusCodes.Status502BadGateway, "The chat provider could not be reached.", code: "upstream_error"),
        _ => null,
    };

    /// <summary>
    /// The provider's own error message, which was written for its clients; the exception's message is not passed
    /// on, because it carries the provider's raw response and its URL.
    /// </summary>
    private static string RejectionOf(ClientResultException result) =>
        result.GetRawResponse()?.Content is { } content && OpenAiError.MessageIn(content.ToMemory()) is { } message
            ? $"The chat provider rejected the request: {message}"
            : $"The chat provider rejected the request with status {result.Status}.";

    private static bool IsTimeout(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is TimeoutRejectedException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
