using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Platform.AppHost.LocalRun;
using Platform.TestSupport;

namespace Platform.AppHost.Tests;

[Collection(PlatformCollection.Name)]
public sealed class PlatformStartupTests(PlatformFixture platform)
{
    [Fact]
    public async Task Every_resource_becomes_healthy()
    {
        foreach (var resource in PlatformFixture.Resources)
        {
            var snapshot = await platform.WaitUntilHealthyAsync(resource);

            Assert.Equal(HealthStatus.Healthy, snapshot.HealthStatus);
            Assert.Equal(KnownResourceStates.Running, snapshot.State?.Text);
        }
    }

    [Fact]
    public async Task Services_that_call_models_run_without_message_content_on_their_spans()
    {
        foreach (var resource in new[] { "agents", "models" })
        {
            var snapshot = await platform.WaitUntilHealthyAsync(resource);

            // The orchestrator turns capture on for every project; the AppHost turns it off again unless asked.
            var capture = Assert.Single(snapshot.EnvironmentVariables, variable => variable.Name == "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT");
            Assert.Equal("false", capture.Value);
        }
    }

    [Fact]
    public async Task Gateway_reports_ready_with_redis_checked()
    {
        await platform.WaitUntilHealthyAsync("gateway");
        using var gateway = platform.App.CreateHttpClient("gateway");

        using var response = await gateway.GetAsync("/health/ready");
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(report.GetProperty("checks").EnumerateObject(), check => check.Name.Contains("Redis", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Request_through_the_gateway_reaches_a_backend_in_the_same_trace()
    {
        await platform.WaitUntilHealthyAsync("gateway");
        await platform.WaitUntilHealthyAsync("models");
        using var gateway = platform.App.CreateHttpClient("gateway");
        var traceId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        const string clientSpanId = "00f067aa0ba902b7";

        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/models");
        request.Headers.Add("traceparent", $"00-{traceId}-{clientSpanId}-01");
        request.Headers.Add("X-Request-Id", "trace-test-1");
        request.Headers.Authorization = new("Bearer", GatewayDevelopmentKey.Key);
        using var response = await gateway.SendAsync(request);

        // The development key is accepted and the models service, found by service discovery, lists its models.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("all-minilm-l6-v2", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The request id comes back, and the backend's span (not the gateway's) answered in the same trace.
        Assert.Equal("trace-test-1", response.Headers.GetValues("X-Request-Id").Single());
        var traceResponse = response.Headers.GetValues("traceresponse").Single().Split('-');
        Assert.Equal(traceId, traceResponse[1]);
        Assert.NotEqual(clientSpanId, traceResponse[2]);

        // The dashboard received spans of both services under that one trace id.
        using var dashboard = new HttpClient { BaseAddress = platform.DashboardUrl };
        var services = new HashSet<string>();
        var found = await Eventually.HoldsAsync(async () =>
        {
            services = await ServicesInTraceAsync(dashboard, traceId);
            return services.Contains("gateway") && services.Contains("models");
        }, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(1));

        Assert.True(found, $"trace {traceId} had spans from: {string.Join(", ", services)}");
    }

    private static async Task<HashSet<string>> ServicesInTraceAsync(HttpClient dashboard, string traceId)
    {
        using var response = await dashboard.GetAsync($"/api/telemetry/traces/{traceId}");
        if (!response.IsSuccessStatusCode)
        {
            return [];
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (!body.TryGetProperty("data", out var data) || !data.TryGetProperty("resourceSpans", out var resourceSpans))
        {
            return [];
        }

        return resourceSpans.EnumerateArray()
            .SelectMany(spans => spans.GetProperty("resource").GetProperty("attributes").EnumerateArray())
            .Where(attribute => attribute.GetProperty("key").GetString() == "service.name")
            .Select(attribute => attribute.GetProperty("value").GetProperty("stringValue").GetString()!)
            .ToHashSet();
    }
}
