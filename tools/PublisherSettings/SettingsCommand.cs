namespace Platform.Tools.PublisherSettings;

/// <summary>
/// <c>publisher-settings --output FILE [--in-cluster-redis] TERRAFORM_OUTPUT.json...</c>: reads one
/// <c>terraform output -json</c> file per environment and writes the settings file the publish command takes
/// with <c>--Kubernetes:SettingsFile=FILE</c>.
/// </summary>
public static class SettingsCommand
{
    public const string Usage = "usage: publisher-settings --output <settings.json> [--in-cluster-redis] <terraform-output.json>...";

    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        string? target = null;
        var inClusterRedis = false;
        var inputs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--output" when i + 1 < args.Count:
                    target = args[++i];
                    break;
                case "--in-cluster-redis":
                    inClusterRedis = true;
                    break;
                case var flag when flag.StartsWith("--", StringComparison.Ordinal):
                    error.WriteLine($"Unknown option {flag}.\n{Usage}");
                    return 2;
                default:
                    inputs.Add(args[i]);
                    break;
            }
        }

        if (target is null || inputs.Count == 0)
        {
            error.WriteLine(Usage);
            return 2;
        }

        try
        {
            var environments = inputs.Select(path => TerraformOutputs.Parse(File.ReadAllText(path), path)).ToList();
            var settings = SettingsDocument.Build(environments, inClusterRedis);
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
            File.WriteAllText(target, SettingsDocument.Serialize(settings));
            output.WriteLine($"Wrote {target} for {string.Join(", ", environments.Select(e => e.Environment))}; publish with --Kubernetes:SettingsFile={target}");
            return 0;
        }
        catch (Exception exception) when (exception is IOException or FormatException or ArgumentException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            error.WriteLine(exception.Message);
            return 1;
        }
    }
}
