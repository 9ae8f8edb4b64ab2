var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddRedisState();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
public partial class Program;
