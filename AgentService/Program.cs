using Platform.ServiceDefaults.Identity;
using Platform.AgentService.Agents;
using Platform.AgentService.Apis;
using Platform.AgentService.Knowledge;
using Platform.AgentService.Responses;
using Platform.AgentService.Runs;
using Platform.AgentService.Threads;
using Platform.AgentService.Tools;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.RequireSignedIdentity();
builder.AddOpenApiDocument();
builder.AddRedisState();
builder.AddSnakeCaseJson();

builder.AddAgents();
builder.AddThreads();
builder.AddAgentTools();
builder.AddKnowledge();
builder.AddRuns();
builder.AddResponses();

var app = builder.Build();

app.UseSignedIdentity();
app.MapDefaultEndpoints();
app.MapOpenApiDocument();
app.MapAgentsApi();
app.MapThreadsApi();
app.MapRunsApi();
app.MapKnowledgeApi();
app.MapResponsesApi();
app.MapConversationsApi();

app.Run();
public partial class Program;
