using Platform.Infrastructure.Tests.Support;

namespace Platform.Infrastructure.Tests;

public sealed class FormattingTests
{
    [Fact]
    public async Task Every_terraform_file_is_in_canonical_format()
    {
        var result = await TerraformCli.RunAsync(TerraformWorkspace.Shared.Root, ["fmt", "-check", "-recursive", "-diff", "-no-color"]);

        Assert.True(result.ExitCode == 0, $"terraform fmt -check found files to reformat (run terraform fmt -recursive deploy/terraform):\n{result.Output}");
    }

    [Fact]
    public void Every_root_configuration_links_the_shared_version_pins_and_tags()
    {
        foreach (var root in TerraformConfigurations.Environments.Select(e => $"environments/{e}").Append("shared/bootstrap"))
        {
            AssertLinked(root, "versions.tf", "versions.tf");
            AssertLinked(root, "tags.tf", "tags.tf");
        }
    }

    [Fact]
    public void Every_environment_links_the_shared_platform_call_and_outputs()
    {
        foreach (var environment in TerraformConfigurations.Environments.Select(e => $"environments/{e}"))
        {
            AssertLinked(environment, "platform.tf", "environment.tf");
            AssertLinked(environment, "outputs.tf", "environment-outputs.tf");
        }
    }

    private static void AssertLinked(string root, string name, string shared)
    {
        var link = new FileInfo(Path.Combine(Repository.Terraform, root, name));
        Assert.True(link.LinkTarget is not null, $"{root}/{name} must be a link to shared/{shared}, so the environments never drift.");
        Assert.Equal(
            Path.GetFullPath(Path.Combine(Repository.Terraform, "shared", shared)),
            Path.GetFullPath(Path.Combine(link.DirectoryName!, link.LinkTarget!)));
    }
}
