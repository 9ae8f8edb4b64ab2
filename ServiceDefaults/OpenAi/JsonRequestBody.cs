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

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException exception) when (exception.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw TooLarge(maxBytes);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException exception)
        {
            // The reader's message names no type, only what it met and where; the field it was in is what helps.
            throw JsonFailure.TopLevelFieldOf(body) is { } field
                ? new InvalidRequestException($"The field '{field}' is not valid JSON: {exception.Message}", field, code: "invalid_json")
                : new InvalidRequestException($"The request body is not valid JSON: {exception.Message}", null, code: "invalid_json");
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
