using Scalar.AspNetCore;

namespace Platform.Gateway.ApiReference;

/// <summary>
/// In development only, a browsable reference of the public API at <c>/scalar/v1</c>, over the committed
/// <c>docs/openapi.json</c> (embedded at build) served at <c>/openapi/v1.json</c>. Requests sent from the page go
/// through this gateway like any other, so they need an API key. Never mapped outside development.
/// </summary>
public static class ApiReferenceExtensions
{
    public const string DocumentPath = "/openapi/v1.json";
    private const string ResourceName = "openapi.json";

    public static WebApplication MapApiReferenceInDevelopment(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            return app;
        }

        var document = ReadDocument();
        app.MapGet(DocumentPath, () => Results.Bytes(document, "application/json")).ExcludeFromDescription();
        app.MapScalarApiReference(options => options
            .WithTitle("Platform API")
            .WithOpenApiRoutePattern(DocumentPath));
        return app;
    }

    private static byte[] ReadDocument()
    {
        using var stream = typeof(ApiReferenceExtensions).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The gateway was built without its embedded {ResourceName}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
