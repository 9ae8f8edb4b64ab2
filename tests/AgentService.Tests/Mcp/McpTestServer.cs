using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Server;

namespace Platform.AgentService.Tests.Mcp;

/// <summary>
/// A real MCP server (the SDK's Streamable HTTP transport on Kestrel, loopback) with a few tools, counting every HTTP
/// request it receives and recording every tool call, plus an endpoint that never answers.
/// </summary>
public sealed class McpTestServer : IAsyncDisposable
{
    public const string Path = "/mcp";
    public const string HangingPath = "/hang";

    private readonly WebApplication _app;
    private int _requests;

    private McpTestServer(WebApplication app) => _app = app;

    /// <summary>Tool calls received, as "name: argument".</summary>
    public ConcurrentQueue<string> Calls { get; } = new();

    /// <summary>HTTP requests received on any path.</summary>
    public int Requests => Volatile.Read(ref _requests);

    public int Port => new Uri(_app.Urls.First()).Port;

    public string UrlFor(string host, string path = Path) => $"http://{host}:{Port}{path}";

    public static readonly string[] ToolNames = ["echo", "delete_notes", "big", "huge", "slow", "fail"];

    public static async Task<McpTestServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        McpTestServer? server = null;
        builder.Services.AddMcpServer().WithHttpTransport().WithTools(
        [
            McpServerTool.Create((string text) => server!.Record("echo", text, $"echo: {text}"), new() { Name = "echo", Description = "Repeats the text." }),
            McpServerTool.Create(() => server!.Record("delete_notes", "", "all notes deleted"), new() { Name = "delete_notes", Description = "Deletes every note." }),
            McpServerTool.Create(() => server!.Record("big", "", new string('b', 5_000)), new() { Name = "big", Description = "Returns 5000 characters." }),
            McpServerTool.Create(() => server!.Record("huge", "", new string('h', 200_000)), new() { Name = "huge", Description = "Returns 200000 characters." }),
            McpServerTool.Create(async (CancellationToken cancellationToken) =>
            {
                server!.Record("slow", "", "");
                await Task.Delay(Timeout.Infinite, cancellationToken);
                return "never";
            }, new() { Name = "slow", Description = "Never finishes." }),
            McpServerTool.Create(string () => throw new InvalidOperationException("the note store is offline"), new() { Name = "fail", Description = "Always fails." }),
        ]);
        var app = builder.Build();
        server = new McpTestServer(app);
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref server._requests);
            await next(context);
        });
        app.MapMcp(Path);
        app.MapPost(HangingPath, async (HttpContext context) => await Task.Delay(Timeout.Infinite, context.RequestAborted));
        await app.StartAsync();
        return server;
    }

    private string Record(string tool, string argument, string result)
    {
        Calls.Enqueue($"{tool}: {argument}");
        return result;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
