using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Platform.ServiceDefaults;

/// <summary>
/// Errors the framework produces (unhandled exceptions, empty 4xx/5xx, oversized bodies) come out as
/// OpenAI-style errors on <c>/v1</c> routes and as RFC 7807 problem details elsewhere.
/// </summary>
public static class PlatformErrors
{
    public static IServiceCollection AddPlatformErrors(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IProblemDetailsWriter, OpenAiProblemWriter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IExceptionHandler, BadRequestExceptionHandler>());
        // Binding failures are thrown rather than answered with an empty 400, so the handler above can name the field.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions["requestId"] = RequestIds.Current(context.HttpContext);
        });
        return services;
    }

    public static bool IsOpenAiRoute(HttpContext context) =>
        context.Request.Path.StartsWithSegments("/v1", StringComparison.OrdinalIgnoreCase);

    /// <summary>Writes problem details for <c>/v1</c> requests in the OpenAI error shape instead.</summary>
    private sealed class OpenAiProblemWriter : IProblemDetailsWriter
    {
        public bool CanWrite(ProblemDetailsContext context) => IsOpenAiRoute(context.HttpContext);

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            // In Development the developer exception page reaches this writer before the exception handler does.
            if (context.Exception is { } exception && BadRequestExceptionHandler.Describe(exception) is { } invalid)
            {
                context.HttpContext.Response.StatusCode = invalid.Status;
                return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(OpenAiError.From(invalid.Status, invalid.Message, invalid.Param, invalid.Code)));
            }

            var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
            var message = context.ProblemDetails.Detail ?? context.ProblemDetails.Title ?? ReasonFor(status);
            return new ValueTask(context.HttpContext.Response.WriteAsJsonAsync(OpenAiError.From(status, message)));
        }

        private static string ReasonFor(int status) =>
            Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } reason ? reason : "Error";
    }
}

/// <summary>Puts request ids, exception handling and status-code bodies first in every service's pipeline.</summary>
internal sealed class PlatformPipelineStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseTrustedForwardedHeaders();
        app.UseSingletonMiddleware<RequestIds.Middleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusFor });
        app.UseStatusCodePages();
        next(app);
    };

    private static int StatusFor(Exception exception) => exception switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        OperationCanceledException => StatusCodes.Status499ClientClosedRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}
