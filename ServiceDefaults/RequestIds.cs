using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

/// <summary>
/// Every request carries or gets an <c>X-Request-Id</c>: echoed in the response, reported as a log scope
/// (<see cref="RequestIdLogScope"/>), tagged on the request span, and sent on to any backend (outgoing HttpClient
/// calls and proxied requests).
/// </summary>
public static class RequestIds
{
    public const string Header = "X-Request-Id";

    /// <summary>Longest accepted incoming id; longer or non-printable ids are replaced, not trusted.</summary>
    public const int MaxLength = 128;

    /// <summary>W3C Trace Context level 2 response header: the trace and span that served the request.</summary>
    public const string TraceResponseHeader = "traceresponse";

    /// <summary>The request's id: <see cref="HttpContext.TraceIdentifier"/>, which the request-id middleware sets first.</summary>
    public static string Current(HttpContext context) => context.TraceIdentifier;

    /// <summary>Gives the request its id first thing in every service's pipeline.</summary>
    internal sealed class Middleware : IMiddleware
    {
        public Task InvokeAsync(HttpContext context, RequestDelegate next)
        {
            var requestId = context.Request.Headers[Header].ToString();
            if (!IsAcceptable(requestId))
            {
                requestId = Guid.NewGuid().ToString("N");
                // Written back into the request so that a proxy forwards the id it generated.
                context.Request.Headers[Header] = requestId;
            }

            context.TraceIdentifier = requestId;
            Activity.Current?.SetTag("http.request.header.x_request_id", requestId);
            context.Response.OnStarting(static state => AddResponseHeaders((HttpContext)state), context);

            return next(context);
        }
    }

    private static Task AddResponseHeaders(HttpContext context)
    {
        var headers = context.Response.Headers;
        headers[Header] = context.TraceIdentifier;
        // A proxied backend's own traceresponse is kept: it names the deepest span that served the call.
        if (!headers.ContainsKey(TraceResponseHeader) && Activity.Current is { } activity)
        {
            headers[TraceResponseHeader] = string.Create(55, activity, static (span, activity) =>
            {
                Span<byte> id = stackalloc byte[16];
                "00-".CopyTo(span);
                activity.TraceId.CopyTo(id);
                Convert.TryToHexStringLower(id, span[3..], out _);
                span[35] = '-';
                activity.SpanId.CopyTo(id[..8]);
                Convert.TryToHexStringLower(id[..8], span[36..], out _);
                (activity.Recorded ? "-01" : "-00").CopyTo(span[52..]);
            });
        }

        return Task.CompletedTask;
    }

    private static bool IsAcceptable(string id) =>
        id.Length is > 0 and <= MaxLength && !id.AsSpan().ContainsAnyExceptInRange('!', '~');

    /// <summary>Adds the current request's id to outgoing HttpClient calls.</summary>
    public static IHttpClientBuilder AddRequestIdPropagation(this IHttpClientBuilder builder) =>
        builder.AddHttpMessageHandler(services => new RequestIdPropagationHandler(services.GetRequiredService<IHttpContextAccessor>()));

    private sealed class RequestIdPropagationHandler(IHttpContextAccessor accessor) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (accessor.HttpContext is { } context && Current(context) is { Length: > 0 } id && !request.Headers.Contains(Header))
            {
                request.Headers.TryAddWithoutValidation(Header, id);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
