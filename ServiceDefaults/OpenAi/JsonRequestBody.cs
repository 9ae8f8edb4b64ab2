using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Platform.ServiceDefaults;

/// <summary>
/// Reads a JSON object body under a size limit. Parsing by hand, rather than model binding, lets every
/// malformed body get an OpenAI-style 400 that names the parameter at fault, and an oversized one a 413.
/// </summary>
public static class JsonRequestBody
{
    public static async Task<JsonDocument> ReadObjectAsync(HttpContext http, long maxBytes, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = maxBytes;
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: cancellationToken);
        }
        catch (JsonException exception)
        {
            throw new InvalidRequestException($"The request body is not valid JSON: {exception.Message}", null, code: "invalid_json");
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            throw new InvalidRequestException("The request body must be a JSON object.", null);
        }

        return document;
    }

    private static InvalidRequestException TooLarge(long maxBytes) =>
        new($"The request body is larger than the limit of {maxBytes} bytes.", null, StatusCodes.Status413PayloadTooLarge, "request_too_large");
}
