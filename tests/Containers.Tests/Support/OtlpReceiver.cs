using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;

namespace Platform.Containers.Tests.Support;

/// <summary>
/// An OTLP/gRPC receiver (HTTP/2 without TLS, as the services export in a cluster) that keeps the service name and
/// trace id of every span it is sent, and accepts logs and metrics without reading them.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private OtlpReceiver(WebApplication app) => _app = app;

    public ConcurrentBag<(string Service, string TraceId, string Name)> Spans { get; } = [];

    public static async Task<OtlpReceiver> StartAsync(IPAddress address, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(address, port, listen => listen.Protocols = HttpProtocols.Http2));
        var app = builder.Build();
        var receiver = new OtlpReceiver(app);
        app.MapPost("/opentelemetry.proto.collector.trace.v1.TraceService/Export", receiver.ExportTracesAsync);
        app.MapPost("/{**rest}", Acknowledge);
        await app.StartAsync();
        return receiver;
    }

    private async Task ExportTracesAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        // gRPC frame: one byte "compressed" (the exporter never compresses), four bytes big-endian length, the message.
        foreach (var span in OtlpTraces.Read(bytes.AsSpan(5)))
        {
            Spans.Add(span);
        }

        await Acknowledge(context);
    }

    private static async Task Acknowledge(HttpContext context)
    {
        context.Response.ContentType = "application/grpc";
        await context.Response.Body.WriteAsync(new byte[5]);
        context.Response.AppendTrailer("grpc-status", "0");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
