using Platform.Infrastructure.Tests.Support;

namespace Platform.Infrastructure.Tests;

/// <summary>
/// Every module, the state bootstrap and every environment, initialised offline against the pinned provider and
/// validated against its real schema; one test per configuration so a failure names it.
/// </summary>
public sealed class ValidationTests
{
    public static TheoryData<string> Configurations => TerraformConfigurations.AllAsTheoryData;

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Configuration_initialises_offline_and_validates(string configuration)
    {
        var workspace = TerraformWorkspace.Shared;
        (await workspace.InitialiseAsync(configuration)).ShouldSucceed($"terraform init in {configuration}");

        var result = await TerraformCli.RunAsync(workspace.PathOf(configuration), ["validate", "-no-color"]);

        result.ShouldSucceed($"terraform validate in {configuration}");
        Assert.Contains("The configuration is valid", result.Output);
    }
}

/// <summary>
/// Every configuration's own <c>terraform test</c> files (mocked AWS provider): the invariants on planned resources
/// and the refusals of bad variables. terraform's output, quoted on failure, names the failing run and assertion.
/// </summary>
public sealed class TerraformTestTests
{
    public static TheoryData<string> Configurations => TerraformConfigurations.AllAsTheoryData;

    [Theory]
    [MemberData(nameof(Configurations))]
    public async Task Configuration_passes_its_terraform_tests(string configuration)
    {
        var workspace = TerraformWorkspace.Shared;
        Assert.True(
            Directory.EnumerateFiles(workspace.PathOf(configuration), "*.tftest.hcl", SearchOption.AllDirectories).Any(),
            $"{configuration} has no tests/*.tftest.hcl: every configuration states its invariants.");
        (await workspace.InitialiseAsync(configuration)).ShouldSucceed($"terraform init in {configuration}");

        var result = await TerraformCli.RunAsync(workspace.PathOf(configuration), ["test", "-no-color"]);

        result.ShouldSucceed($"terraform test in {configuration}");
        Assert.Matches(@"Success! [1-9][0-9]* passed, 0 failed\.", result.Output);
    }
}
