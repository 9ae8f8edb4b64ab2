using Yarp.ReverseProxy.Configuration;

// The anchor the gateway is measured against: YARP with one catch-all route to one destination and nothing else
// (no authentication, limits, request ids or telemetry). It runs with the same runtime settings as the gateway.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var backend = builder.Configuration["Backend"] ?? throw new InvalidOperationException("Set Backend to the backend's base URL.");
builder.Services.AddReverseProxy().LoadFromMemory(
    [new RouteConfig { RouteId = "all", ClusterId = "backend", Match = new RouteMatch { Path = "{**catch-all}" } }],
    [new ClusterConfig { ClusterId = "backend", Destinations = new Dictionary<string, DestinationConfig> { ["backend"] = new() { Address = backend } } }]);

var app = builder.Build();
app.MapReverseProxy();
app.Run();
