using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

public static class InvalidRequests
{
    /// <summary>Answers an <see cref="InvalidRequestException"/> thrown by a handler of the group as its OpenAI-style error.</summary>
    public static TBuilder HandleInvalidRequests<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            try
            {
                return await next(context);
            }
            catch (InvalidRequestException exception) when (!context.HttpContext.Response.HasStarted)
            {
                return ApiErrors.From(exception);
            }
        });
}
