using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>The Pod Security Standards "restricted" profile, checked on the rendered output of every overlay.</summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class PodSecurityTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Namespace_enforces_the_restricted_profile(string environment)
    {
        var labels = platform.Rendered[environment].All<V1Namespace>().Single().Metadata.Labels;

        Assert.Equal("restricted", labels["pod-security.kubernetes.io/enforce"]);
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/audit"]);
        Assert.Equal("restricted", labels["pod-security.kubernetes.io/warn"]);
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Pods_run_as_a_non_root_user_with_runtime_default_seccomp(string environment)
    {
        var rendered = platform.Rendered[environment];
        var workloads = rendered.Workloads.ToList();

        Assert.Equal(["agents", "gateway", "models", "redis"], workloads.Select(workload => rendered.AppOf(workload.Name)).Distinct().Order());
        Assert.All(workloads, workload =>
        {
            var pod = workload.Pod;
            Assert.True(pod.SecurityContext.RunAsNonRoot, $"{workload} runAsNonRoot");
            Assert.True(pod.SecurityContext.RunAsUser > 10000, $"{workload} runAsUser");
            Assert.True(pod.SecurityContext.RunAsGroup > 10000, $"{workload} runAsGroup");
            Assert.Equal("RuntimeDefault", pod.SecurityContext.SeccompProfile.Type);
            Assert.NotEqual(true, pod.HostNetwork);
            Assert.NotEqual(true, pod.HostPID);
            Assert.NotEqual(true, pod.HostIPC);
            Assert.All(pod.Volumes, volume => Assert.Null(volume.HostPath));
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Containers_cannot_escalate_and_keep_no_capabilities(string environment)
    {
        Assert.All(platform.Rendered[environment].Workloads.SelectMany(workload => workload.Pod.Containers), container =>
        {
            var security = container.SecurityContext;
            Assert.False(security.AllowPrivilegeEscalation ?? true, $"{container.Name} allowPrivilegeEscalation");
            Assert.NotEqual(true, security.Privileged);
            Assert.Equal(["ALL"], security.Capabilities.Drop);
            Assert.True(security.Capabilities.Add is null or { Count: 0 });
            Assert.True(security.RunAsNonRoot ?? false);
            Assert.Equal("RuntimeDefault", security.SeccompProfile.Type);
        });
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Root_filesystem_is_read_only_with_tmp_on_an_empty_dir(string environment)
    {
        Assert.All(platform.Rendered[environment].Workloads, workload => Assert.All(workload.Pod.Containers, container =>
        {
            Assert.True(container.SecurityContext.ReadOnlyRootFilesystem ?? false, $"{workload} readOnlyRootFilesystem");
            var tmp = Assert.Single(container.VolumeMounts, mount => mount.MountPath == "/tmp");
            Assert.NotNull(Assert.Single(workload.Pod.Volumes, volume => volume.Name == tmp.Name).EmptyDir);
        }));
    }

    [Theory]
    [MemberData(nameof(Environments))]
    public void Service_account_tokens_are_not_mounted(string environment)
    {
        var rendered = platform.Rendered[environment];

        Assert.All(rendered.Workloads, workload =>
        {
            Assert.False(workload.Pod.AutomountServiceAccountToken ?? true, $"{workload} automountServiceAccountToken");
            var account = rendered.Single<V1ServiceAccount>(workload.Pod.ServiceAccountName);
            Assert.False(account.AutomountServiceAccountToken ?? true);
        });
    }
}
