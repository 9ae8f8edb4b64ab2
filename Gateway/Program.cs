using Platform.Gateway.Routing;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisState();
builder.AddPlatformRouting();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapPlatformRoutes();

app.Run();
