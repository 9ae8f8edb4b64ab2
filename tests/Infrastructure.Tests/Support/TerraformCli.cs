using System.Diagnostics;
using System.Text;

namespace Platform.Infrastructure.Tests.Support;

/// <summary>
/// Runs the real terraform binary offline: providers come only from the local plugin mirror, every command has a
/// time limit, and a missing binary or mirror fails the test with the fix instead of skipping it.
/// </summary>
public static class TerraformCli
{
    /// <summary>The provider every configuration pins (shared/versions.tf); the mirror must hold exactly it.</summary>
    public const string AwsProviderVersion = "5.100.0";

    /// <summary>Longest a single terraform command may run; a hung provider fails the test instead of CI.</summary>
    public static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The binary: <c>TERRAFORM</c> if set, else <c>terraform</c> on PATH.</summary>
    public static string Binary { get; } = Environment.GetEnvironmentVariable("TERRAFORM") is { Length: > 0 } path ? path : FindOnPath("terraform");

    /// <summary>The plugin mirror: <c>TF_PLUGIN_MIRROR</c> if set, else <c>/opt/tf-plugins</c>.</summary>
    public static string PluginMirror { get; } =
        Environment.GetEnvironmentVariable("TF_PLUGIN_MIRROR") is { Length: > 0 } mirror ? mirror : "/opt/tf-plugins";

    private static readonly Lazy<string> CliConfig = new(WriteCliConfig);

    /// <summary>Fails with instructions unless terraform and the pinned AWS provider are installed.</summary>
    public static void RequireToolchain()
    {
        Assert.True(
            File.Exists(Binary),
            "terraform is not installed: put Terraform 1.11 on PATH (or set TERRAFORM to its path); .ci/run checks this too.");
        var provider = Path.Combine(PluginMirror, "registry.terraform.io", "hashicorp", "aws", AwsProviderVersion);
        Assert.True(
            Directory.Exists(provider) && Directory.EnumerateFiles(provider, "terraform-provider-aws*", SearchOption.AllDirectories).Any(),
            $"The AWS provider {AwsProviderVersion} is not in the plugin mirror {PluginMirror} (expected {provider}/<os>_<arch>/terraform-provider-aws_*): " +
            "install it there or set TF_PLUGIN_MIRROR to a mirror that has it.");
    }

    /// <summary><c>terraform init</c> without a backend, installing providers from the mirror only.</summary>
    public static Task<TerraformResult> InitAsync(string directory, bool withBackend = false) =>
        RunAsync(directory, ["init", "-input=false", "-no-color", $"-plugin-dir={PluginMirror}", .. withBackend ? Array.Empty<string>() : ["-backend=false"]]);

    public static async Task<TerraformResult> RunAsync(string directory, IReadOnlyList<string> arguments, string? standardInput = null)
    {
        RequireToolchain();
        var start = new ProcessStartInfo(Binary)
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // No user configuration, no credentials, no update checks, no prompts.
        start.Environment["TF_CLI_CONFIG_FILE"] = CliConfig.Value;
        start.Environment["TF_IN_AUTOMATION"] = "1";
        start.Environment["TF_INPUT"] = "0";
        start.Environment["CHECKPOINT_DISABLE"] = "1";
        start.Environment.Remove("TF_DATA_DIR");
        start.Environment.Remove("TF_PLUGIN_CACHE_DIR");
        foreach (var variable in start.Environment.Keys.Where(key => key.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(variable);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Binary} did not start");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"terraform {string.Join(' ', arguments)} in {directory} ran longer than {CommandTimeout}:\n{output}");
        }

        // WaitForExitAsync returns once the process exits; the parameterless wait drains the output callbacks.
        process.WaitForExit();
        lock (output)
        {
            return new TerraformResult(process.ExitCode, output.ToString());
        }
    }

    private static string WriteCliConfig()
    {
        var path = Path.Combine(Path.GetTempPath(), $"platform-terraform-{Environment.ProcessId}.tfrc");
        File.WriteAllText(path, "disable_checkpoint = true\n");
        return path;
    }

    private static string FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists) ?? name;
}

/// <summary>Exit code and the interleaved output of one terraform command.</summary>
public sealed record TerraformResult(int ExitCode, string Output)
{
    public TerraformResult ShouldSucceed(string what)
    {
        Assert.True(ExitCode == 0, $"{what} failed (exit {ExitCode}):\n{Output}");
        return this;
    }
}
