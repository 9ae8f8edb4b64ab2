using Platform.ServiceDefaults.Identity;
using Platform.ModelService.Apis;
using Platform.ModelService.Chat;
using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;
using Platform.ModelService.Usage;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.RequireSignedIdentity();
builder.AddOpenApiDocument();
builder.AddModelRegistry();
builder.AddEmbeddingModels();
builder.AddChatProvider();
builder.AddUsageMetering();

var app = builder.Build();

app.UseSignedIdentity();
app.MapDefaultEndpoints();
app.MapOpenApiDocument();
app.MapInferenceHealthApi();
app.MapModelsApi();
app.MapEmbeddingsApi();
app.MapChatCompletionsApi();
app.MapUsageApi();

app.Run();

public partial class Program;
