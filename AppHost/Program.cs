using Platform.AppHost.LocalRun;

var builder = DistributedApplication.CreateBuilder(args);

// Publish target: kustomize base + dev/staging/production overlays (docs/deploy.md).
builder.AddKustomizeEnvironment("k8s");

// State, queues and rate-limit counters shared by every replica.
var redis = builder.AddPlatformRedis("redis");

// Optional upstream chat provider: Endpoint=<OpenAI-compatible base URL>;Key=<key>;Model=<id>.
var llm = builder.AddOptionalConnectionString("llm");

var models = builder.AddProject<Projects.ModelService>("models")
    .WithReadinessHealthCheck()
    .WithOptionalReference(llm);
// In a cluster the llm connection string always comes from a Secret, and models may reach the provider over HTTPS.
models.WithKubernetesExternalConnection("llm");

var agents = builder.AddProject<Projects.AgentService>("agents")
    .WithReference(models)
    .WithReference(redis).WaitFor(redis)
    .WithReadinessHealthCheck();

builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(models)
    .WithReference(agents)
    .WithReference(redis).WaitFor(redis)
    .WithReadinessHealthCheck()
    // The gateway forwards bytes and never blocks: socket completions run on the I/O thread instead of
    // hopping to the thread pool (ADR 0015). Given in run mode and in the published ConfigMap alike.
    .WithEnvironment("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1")
    .WithDevelopmentApiKey()
    .WithExternalHttpEndpoints();

builder.Build().Run();
