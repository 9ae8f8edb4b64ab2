using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>
/// Every request carries or gets an <c>X-Request-Id</c>: echoed in the response, written into log scopes,
/// tagged on the request span, and sent on to any backend (outgoing HttpClient calls and proxied requests).
/// </summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    /// <summary>Longest accepted incoming id; longer or non-printable ids are replaced, not trusted.</summary>
    public const int MaxLength = 128;

    /// <summary>W3C Trace Context level 2 response header: the trace and span that served the request.</summary>
    public const string TraceResponseHeader = "traceresponse";

    public static string? Current(HttpContext context) =>
        context.Items.TryGetValue(Header, out var id) ? id as string : null;

    internal static async Task HandleAsync(HttpContext context, Func<Task> next, ILogger logger)
    {
        var requestId = context.Request.Headers[Header].ToString();
        if (!IsAcceptable(requestId))
        {
            requestId = Guid.NewGuid().ToString("N");
            // Written back into the request so that a proxy forwards the id it generated.
            context.Request.Headers[Header] = requestId;
        }

        context.Items[Header] = requestId;
        context.TraceIdentifier = requestId;
        Activity.Current?.SetTag("http.request.header.x_request_id", requestId);
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = requestId;
            // A proxied backend's own traceresponse is kept: it names the deepest span that served the call.
            if (!context.Response.Headers.ContainsKey(TraceResponseHeader) && Activity.Current is { } activity)
            {
                context.Response.Headers[TraceResponseHeader] = $"00-{activity.TraceId}-{activity.SpanId}-{(activity.Recorded ? "01" : "00")}";
            }

            return Task.CompletedTask;
        });

        using (logger.BeginScope("RequestId:{RequestId}", requestId))
        {
            await next();
        }
    }

    private static bool IsAcceptable(string id) =>
        id.Length is > 0 and <= MaxLength && id.All(c => c is >= '!' and <= '~');

    /// <summary>Adds the current request's id to outgoing HttpClient calls.</summary>
    public static IHttpClientBuilder AddRequestIdPropagation(this IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler(services => new RequestIdPropagationHandler(services.GetRequiredService<IHttpContextAccessor>()));

    private sealed class RequestIdPropagationHandler(IHttpContextAccessor accessor) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (accessor.HttpContext is { } context && Current(context) is { } id && !request.Headers.Contains(Header))
            {
                request.Headers.TryAddWithoutValidation(Header, id);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
