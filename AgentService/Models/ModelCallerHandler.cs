using System.Net;
using System.Text.Json;

namespace Platform.AgentService.Models;

/// <summary>
/// Names the tenant and agent on every call to the models service (<see cref="PlatformHeaders.ClientId"/>,
/// <see cref="PlatformHeaders.AgentId"/>), which meters and limits tokens by them: from the run's
/// <see cref="ModelCallScope"/>, else from the request being served (knowledge uploads and searches). A 429 naming a
/// token quota becomes <see cref="ModelQuotaExceededException"/>, so a run can fail for that reason by name.
/// </summary>
public sealed class ModelCallerHandler(IHttpContextAccessor requests) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Remove(PlatformHeaders.ClientId);
        request.Headers.Remove(PlatformHeaders.AgentId);
        if (ModelCallScope.Current is { } scope)
        {
            request.Headers.TryAddWithoutValidation(PlatformHeaders.ClientId, scope.Tenant);
            if (scope.AgentId is not null)
            {
                request.Headers.TryAddWithoutValidation(PlatformHeaders.AgentId, scope.AgentId);
            }
        }
        else if (requests.HttpContext?.Request.Headers[PlatformHeaders.ClientId].ToString() is { Length: > 0 } tenant)
        {
            request.Headers.TryAddWithoutValidation(PlatformHeaders.ClientId, tenant);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && await QuotaErrorAsync(response, cancellationToken) is { } quota)
        {
            response.Dispose();
            throw quota;
        }

        return response;
    }

    private static async Task<ModelQuotaExceededException?> QuotaErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        try
        {
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            var error = body.RootElement.GetProperty("error");
            return error.TryGetProperty("code", out var code) && code.GetString() is { } quota && ModelQuotaExceededException.Quotas.Contains(quota)
                ? new ModelQuotaExceededException(quota, error.GetProperty("message").GetString() ?? $"The token quota '{quota}' is used up.")
                : null;
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}
