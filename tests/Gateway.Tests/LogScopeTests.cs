using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Gateway.Tests.Support;
using Platform.ServiceDefaults;
using Platform.TestSupport;

namespace Platform.Gateway.Tests;

public sealed class LogScopeTests : GatewayTestBase
{
    [Fact]
    public async Task Logs_written_while_serving_a_request_carry_its_request_id_and_other_logs_do_not()
    {
        var capture = new ScopeCapture();
        var gateway = StartGateway(
            Settings().With("Logging:LogLevel:Platform.Gateway.Authentication", "Information"),
            services => services.AddSingleton<ILoggerProvider>(capture));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Authorization = new("Bearer", "sk-not-a-key-of-this-gateway");
        request.Headers.Add(RequestIds.Header, "req-log-scope-1");
        Assert.Equal(HttpStatusCode.Unauthorized, (await gateway.Client.SendAsync(request)).StatusCode);

        // The API-key handler logs the failed authentication while the request is served.
        var rejection = capture.Entries.Where(entry => entry.Category == typeof(Authentication.ApiKeyAuthenticationHandler).FullName).ToList();
        Assert.NotEmpty(rejection);
        Assert.All(rejection, entry => Assert.Contains("RequestId:req-log-scope-1", entry.Scopes));
        Assert.Contains(rejection, entry => entry.Values.Contains(new KeyValuePair<string, object?>("RequestId", "req-log-scope-1")));

        var logger = gateway.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Platform.Tests");
        using (logger.BeginScope("outside any request"))
        {
            logger.LogWarning("background work");
        }

        var background = Assert.Single(capture.Entries, entry => entry.Category == "Platform.Tests");
        Assert.Equal(["outside any request"], background.Scopes);
    }

    /// <summary>Records each log's category and the text and values of every scope it was written in.</summary>
    private sealed class ScopeCapture : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ConcurrentQueue<(string Category, List<string> Scopes, List<KeyValuePair<string, object?>> Values)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(ScopeCapture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                List<string> scopes = [];
                List<KeyValuePair<string, object?>> values = [];
                capture._scopes.ForEachScope((scope, _) =>
                {
                    scopes.Add(scope?.ToString() ?? "");
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        values.AddRange(pairs);
                    }
                }, 0);
                capture.Entries.Enqueue((category, scopes, values));
            }
        }
    }
}
