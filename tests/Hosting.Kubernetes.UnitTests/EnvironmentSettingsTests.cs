using Platform.Hosting.Kubernetes.UnitTests.Support;

namespace Platform.Hosting.Kubernetes.UnitTests;

public sealed class EnvironmentSettingsTests
{
    [Fact]
    public void Every_environment_is_resolved_in_configuration_order()
    {
        var settings = EnvironmentSettings.Resolve(Builders.Options());

        Assert.Equal(["dev", "staging", "production"], settings.Select(environment => environment.Name));
    }

    [Fact]
    public void The_namespace_defaults_to_part_of_and_environment()
    {
        var options = Builders.Options(options => options.Environments["staging"].Namespace = "platform-stage");

        Assert.Equal("platform-dev", Builders.Settings("dev", options).Namespace);
        Assert.Equal("platform-stage", Builders.Settings("staging", options).Namespace);
    }

    [Fact]
    public void A_workload_sized_by_name_overrides_the_environment_size()
    {
        var options = Builders.Options(options => options.Environments["dev"].Workloads["models"] = ResourceSizing.Large);
        var settings = Builders.Settings("dev", options);

        Assert.Equal(ResourceSizing.Large.MemoryLimit, settings.SizingFor("models").MemoryLimit);
        Assert.Equal(ResourceSizing.Small.MemoryLimit, settings.SizingFor("gateway").MemoryLimit);
    }

    [Fact]
    public void An_empty_monitoring_namespace_means_the_environment_s_own()
    {
        Assert.Null(Builders.Settings("dev").MonitoringNamespace);
        Assert.Equal("observability", Builders.Settings("dev", Builders.Options(options => options.MonitoringNamespace = "observability")).MonitoringNamespace);
    }
}
