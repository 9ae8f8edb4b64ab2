using Platform.Gateway.ApiReference;
using Platform.Gateway.Authentication;
using Platform.Gateway.Cors;
using Platform.Gateway.Health;
using Platform.Gateway.Keys;
using Platform.Gateway.Limits;
using Platform.Gateway.Observability;
using Platform.Gateway.Pipeline;
using Platform.Gateway.RateLimiting;
using Platform.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisState();
builder.DegradeReadinessWithoutRedis();
builder.AddGatewayMetrics();
builder.AddGatewayAuthentication();
builder.AddGatewayRequests();
builder.AddKeyManagement();
builder.AddRequestLimits();
builder.AddClientRateLimits();
builder.AddGatewayCors();
builder.AddPlatformRouting();

var app = builder.Build();

app.UseGatewayCors();
app.UseGatewayRequests();
app.UseRequestTimeouts();

app.MapDefaultEndpoints();
app.MapApiReferenceInDevelopment();
app.MapKeyAdminApi();
app.MapReverseProxy(proxy =>
{
    proxy.UseRouteTimeoutResponses();
    proxy.UseRequestBodyLimits();
    proxy.UseClientRateLimits();
    proxy.UseSessionAffinity();
    proxy.UseIdempotentRetry();
    proxy.UseLoadBalancing();
    proxy.UsePassiveHealthChecks();
});

app.Run();

public partial class Program;
