using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Platform.Gateway.Tests.Support;

/// <summary>
/// A stand-in for a models or agents replica: a real Kestrel app on a loopback port that echoes what it received
/// and streams chat completions as SSE, holding the rest of the stream until the test opens <see cref="Gate"/>.
/// </summary>
public sealed class BackendReplica : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _requests;
    private long _bodyBytes;

    private BackendReplica(WebApplication app, string name)
    {
        _app = app;
        Name = name;
    }

    public string Name { get; }

    public Uri Address { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Body bytes the echo endpoint has read so far, over all requests.</summary>
    public long BodyBytesReceived => Interlocked.Read(ref _bodyBytes);

    /// <summary>Headers of every request the replica answered, newest last.</summary>
    public ConcurrentQueue<IReadOnlyDictionary<string, string>> ReceivedHeaders { get; } = new();

    /// <summary>Opened by the test to let a held stream finish.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource StreamFinished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource StreamAborted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>While false, <c>/health/ready</c> answers 503, as a replica that lost a dependency does.</summary>
    public bool Ready { get; set; } = true;

    /// <summary>Starts on <paramref name="host"/> (any 127.x address is loopback) and a free port, or the given one.</summary>
    public static async Task<BackendReplica> StartAsync(string name, string host = "127.0.0.1", int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = name });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://{host}:{port}");
        builder.WebHost.ConfigureKestrel(options => options.Limits.MaxRequestBodySize = null);
        var app = builder.Build();
        var replica = new BackendReplica(app, name);
        replica.Map(app);
        await app.StartAsync();
        replica.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return replica;
    }

    private void Map(WebApplication app)
    {
        app.MapGet("/health/ready", () => Ready ? Results.Text("ready") : Results.StatusCode(StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/metrics", () => "backend_only_metric 1");
        app.MapPost("/v1/chat/completions", StreamAsync);
        app.MapGet("/v1/runs/hold", (HttpContext context) => Task.Delay(Timeout.Infinite, context.RequestAborted));
        app.Map("/v1/{**rest}", EchoAsync);
    }

    private async Task EchoAsync(HttpContext context)
    {
        Record(context);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64 * 1024];
        long length = 0;
        int read;
        while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
        {
            sha.AppendData(buffer, 0, read);
            length += read;
            Interlocked.Add(ref _bodyBytes, read);
        }

        await context.Response.WriteAsJsonAsync(new EchoReply(Name, context.Request.Path, length, Convert.ToHexStringLower(sha.GetHashAndReset())));
    }

    private async Task StreamAsync(HttpContext context)
    {
        Record(context);
        context.Response.ContentType = "text/event-stream";
        await context.Response.WriteAsync("data: {\"chunk\":1}\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await Gate.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync("data: {\"chunk\":2}\n\ndata: [DONE]\n\n", context.RequestAborted);
            StreamFinished.TrySetResult();
        }
        catch (OperationCanceledException)
        {
            StreamAborted.TrySetResult();
        }
    }

    private void Record(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        ReceivedHeaders.Enqueue(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
    }

    public Task StopAsync() => _app.StopAsync();

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

public sealed record EchoReply(string Replica, string Path, long BodyBytes, string BodySha256)
{
    public static async Task<EchoReply> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<EchoReply>(JsonSerializerOptions.Web))!;
}
