using Platform.AppHost.LocalRun;
using Platform.AppHost.Telemetry;

var builder = DistributedApplication.CreateBuilder(args);

// Publish target: kustomize base + dev/staging/production overlays (docs/deploy.md).
builder.AddKustomizeEnvironment("k8s")
    .WithImagePush();   // images for the manifests: push-images, and aspire deploy (docs/deploy.md)

// State, queues and rate-limit counters shared by every replica.
var redis = builder.AddPlatformRedis("redis");

// Optional upstream chat provider: Endpoint=<OpenAI-compatible base URL>;Key=<key>;Model=<id>.
var llm = builder.AddOptionalConnectionString("llm");

var models = builder.AddProject<Projects.ModelService>("models")
    .WithReference(redis)   // usage counters and token quotas per tenant
    .WithReadinessHealthCheck()
    // Models serve only calls whose identity the gateway or agents signed, so usage is always someone's (ADR 0035).
    .WithIdentitySigningKey()
    .DisableForwardedHeaders()
    .WithOptionalReference(llm)
    .WithMessageContentCapture();   // prompts and completions on spans: off unless Telemetry:CaptureMessageContent
// In a cluster the llm connection string always comes from a Secret, and models may reach the provider over HTTPS.
models.WithKubernetesExternalConnection("llm");
// In a cluster, KEDA adds replicas when embedding inputs wait (the queue-depth gauge ModelService exports).
models.WithKubernetesMetricBacklogScaling("sum(platform_models_queue_depth{job=\"models\"})", perReplica: 64);

var agents = builder.AddProject<Projects.AgentService>("agents")
    .WithReference(models)
    .WithReference(redis).WaitFor(redis)
    .WithReadinessHealthCheck()
    .WithMessageContentCapture()
    // Agents verify the identity the gateway signs and sign their own calls to models with the same key.
    .WithIdentitySigningKey()
    .DisableForwardedHeaders();
// In a cluster, KEDA adds replicas when runs wait undelivered in the queue named by the service's own settings.
agents.WithKubernetesStreamBacklogScaling(redis, "Runs:QueueStream", "Runs:QueueGroup", "Runs:MaxConcurrentRuns");

builder.AddProject<Projects.Gateway>("gateway")
    .WithReference(models)
    .WithReference(agents)
    .WithReference(redis).WaitFor(redis)
    .WithReadinessHealthCheck()
    // The gateway forwards bytes and never blocks: socket completions run on the I/O thread instead of
    // hopping to the thread pool (ADR 0015). Given in run mode and in the published ConfigMap alike.
    .WithEnvironment("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1")
    // In a cluster the gateway sees every replica of models and agents as its own destination (docs/gateway.md).
    .WithKubernetesPerReplicaDestinations()
    .WithDevelopmentApiKey()
    // In a cluster its API-key hashes and JWT settings come from the Secret gateway-credentials (docs/deploy.md).
    .WithKubernetesSecretSetting("Authentication__Credentials", "gateway-credentials")
    // It signs the identity it forwards (ADR 0035); X-Forwarded-* count only from ForwardedHeaders:KnownNetworks.
    .WithIdentitySigningKey()
    .DisableForwardedHeaders()
    .WithExternalHttpEndpoints();

builder.Build().Run();
