using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Platform.ServiceDefaults;

/// <summary>
/// The one way middleware is written across the services: a class implementing <see cref="IMiddleware"/>,
/// registered as a singleton by the feature's <c>Add*</c> call and put in the pipeline by its <c>Use*</c> call
/// through this method. The instance is resolved once when the pipeline is built, not per request as
/// <c>UseMiddleware</c> does for <see cref="IMiddleware"/>, which keeps the gateway's hot path free of lookups.
/// </summary>
public static class SingletonMiddleware
{
    public static IApplicationBuilder UseSingletonMiddleware<TMiddleware>(this IApplicationBuilder app)
        where TMiddleware : IMiddleware
    {
        var middleware = app.ApplicationServices.GetRequiredService<TMiddleware>();
        return app.Use(next => context => middleware.InvokeAsync(context, next));
    }
}
