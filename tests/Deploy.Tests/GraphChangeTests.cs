using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Platform.Hosting.Kubernetes;
using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>The manifests follow the graph: a new resource and reference show up as objects and policy edges.</summary>
public sealed class GraphChangeTests
{
    [Fact]
    public async Task Adding_a_resource_and_a_reference_adds_its_deployment_service_and_policy_edges()
    {
        var (before, _) = await RenderAsync(withSearch: false);
        var (after, _) = await RenderAsync(withSearch: true);

        Assert.DoesNotContain(before.All<V1Deployment>(), deployment => deployment.Metadata.Name == "search");
        Assert.DoesNotContain(("gateway", "search"), PolicyEdges.Egress(before));

        var deployment = after.Single<V1Deployment>("search");
        Assert.Equal("registry.example.com/platform/search:dev", deployment.Spec.Template.Spec.Containers.Single().Image);
        Assert.Equal("search", after.Single<V1Service>("search").Spec.Selector["app.kubernetes.io/name"]);
        Assert.Equal("search", after.Single<V2HorizontalPodAutoscaler>("search").Spec.ScaleTargetRef.Name);
        Assert.Equal(
            before.Workloads.Select(workload => workload.Name).Append("search").Order(),
            after.Workloads.Select(workload => workload.Name).Order());

        var added = PolicyEdges.Egress(after).Except(PolicyEdges.Egress(before)).Order().ToList();
        Assert.Equal([("gateway", "search"), ("search", "models")], added);
        Assert.Equal(PolicyEdges.Egress(after).Order(), PolicyEdges.Ingress(after).Order());

        var gatewaySettings = after.Single<V1ConfigMap>("gateway-settings").Data;
        Assert.Equal("http://search:8080", gatewaySettings["services__search__http__0"]);
        Assert.Equal("http://models:8080", after.Single<V1ConfigMap>("search-settings").Data["services__models__http__0"]);
    }

    [Fact]
    public async Task A_secret_parameter_becomes_a_generated_secret_and_never_a_value()
    {
        var (rendered, files) = await RenderAsync(withSearch: true, withApiKey: true);

        Assert.DoesNotContain(files.Values, content => content.Contains("never-published", StringComparison.Ordinal));
        Assert.Contains("overlays/production/secrets/api-key-hash.env.example", files.Keys);

        var variable = rendered.Single<V1Deployment>("gateway").Spec.Template.Spec.Containers.Single().Env.Single(env => env.Name == "Gateway__ApiKeyHash");
        Assert.Null(variable.Value);
        Assert.StartsWith("api-key-hash-", variable.ValueFrom.SecretKeyRef.Name);
        Assert.Equal("placeholder", System.Text.Encoding.UTF8.GetString(rendered.All<V1Secret>().Single(secret => secret.Metadata.Name.StartsWith("api-key-hash-")).Data["value"]));
    }

    private static async Task<(RenderedEnvironment Rendered, IReadOnlyDictionary<string, string> Files)> RenderAsync(bool withSearch, bool withApiKey = false)
    {
        // An empty graph of its own; the AppHost assembly only supplies the host metadata.
        var builder = DistributedApplication.CreateBuilder(new DistributedApplicationOptions
        {
            Args = ["--operation", "publish", "--Parameters:api-key-hash=never-published"],
            AssemblyName = typeof(KubernetesPublisher).Assembly.GetName().Name,
            DisableDashboard = true,
        });
        builder.AddKustomizeEnvironment("k8s");
        var redis = builder.AddRedis("redis");
        var models = builder.AddProject("models", Repository.Project("ModelService")).WithHttpHealthCheck("/health/ready");
        var gateway = builder.AddProject("gateway", Repository.Project("Gateway"))
            .WithReference(models)
            .WithReference(redis)
            .WithExternalHttpEndpoints();
        if (withSearch)
        {
            var search = builder.AddProject("search", Repository.Project("AgentService")).WithReference(models);
            gateway.WithReference(search);
        }

        if (withApiKey)
        {
            gateway.WithEnvironment("Gateway__ApiKeyHash", builder.AddParameter("api-key-hash", secret: true));
        }

        await using var app = builder.Build();
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        var options = model.Resources.OfType<KustomizeEnvironmentResource>().Single().Options;
        var files = await new KubernetesPublisher(options).BuildAsync(model, app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), CancellationToken.None);

        using var published = new TemporaryDirectory();
        using var workspace = new TemporaryDirectory();
        files.WriteTo(published.Path);
        var copy = Kustomize.CopyWithExampleSecrets(published.Path, workspace.Path);
        return (new RenderedEnvironment("dev", await Kustomize.RenderAsync(Path.Combine(copy, "overlays", "dev"))), files.Files);
    }
}
