using System.Globalization;

namespace Platform.Tools.BlueGreen;

/// <summary>The command line of the <c>blue-green</c> tool, with the defaults of the published production overlay.</summary>
public sealed record CommandLine(string Verb, string? Colour, string Namespace, string Kubectl, string Gateway, int Port, TimeSpan ReadyTimeout)
{
    public const string Usage =
        "usage: blue-green status | switch <blue|green> | rollback  [--namespace platform-production] [--kubectl kubectl]\n" +
        "       [--gateway gateway] [--port 8080] [--ready-timeout <seconds, 600>]   (switch reads SMOKE_API_KEY)";

    public static CommandLine? Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0)
        {
            return null;
        }

        var verb = args[0];
        var rest = args.Skip(1).ToList();
        string? colour = null;
        if (verb == "switch")
        {
            if (rest.Count == 0 || !EdgeWeights.Colours.Contains(rest[0]))
            {
                return null;
            }

            colour = rest[0];
            rest.RemoveAt(0);
        }
        else if (verb is not ("status" or "rollback"))
        {
            return null;
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["--namespace"] = "platform-production",
            ["--kubectl"] = "kubectl",
            ["--gateway"] = "gateway",
            ["--port"] = "8080",
            ["--ready-timeout"] = "600",
        };
        for (var i = 0; i < rest.Count; i += 2)
        {
            if (!options.ContainsKey(rest[i]) || i + 1 >= rest.Count)
            {
                return null;
            }

            options[rest[i]] = rest[i + 1];
        }

        if (!int.TryParse(options["--port"], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !int.TryParse(options["--ready-timeout"], NumberStyles.None, CultureInfo.InvariantCulture, out var readySeconds) || readySeconds < 1)
        {
            return null;
        }

        return new CommandLine(verb, colour, options["--namespace"], options["--kubectl"], options["--gateway"], port, TimeSpan.FromSeconds(readySeconds));
    }
}
