namespace Platform.Tools.PlatformKeys;

/// <summary>
/// A command line split into its command, positional values and <c>--option value</c> pairs (an option may repeat;
/// <c>--flag</c> alone is a switch).
/// </summary>
public sealed class Arguments
{
    private static readonly HashSet<string> Switches = ["--json", "--help"];

    private readonly Dictionary<string, List<string>> _options = new(StringComparer.Ordinal);
    private readonly List<string> _positional = [];

    public string? Command { get; private set; }

    public IReadOnlyList<string> Positional => _positional;

    public static Arguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var (name, value) = arg.Split('=', 2) is [var n, var v] ? (n, v) : (arg, null);
                if (value is null && !Switches.Contains(name))
                {
                    value = i + 1 < args.Count ? args[++i] : throw new UsageException($"The option '{name}' needs a value.");
                }

                parsed.Add(name, value ?? "true");
            }
            else if (parsed.Command is null)
            {
                parsed.Command = arg;
            }
            else
            {
                parsed._positional.Add(arg);
            }
        }

        return parsed;
    }

    public bool Has(string option) => _options.ContainsKey(option);

    public string? Single(string option) =>
        _options.TryGetValue(option, out var values)
            ? values.Count == 1 ? values[0] : throw new UsageException($"The option '{option}' may be given once.")
            : null;

    public IReadOnlyList<string> All(string option) => _options.TryGetValue(option, out var values) ? values : [];

    /// <summary>The one positional value a command takes, such as a key id.</summary>
    public string Target(string what) =>
        _positional is [var only] ? only : throw new UsageException($"'{Command}' needs exactly one {what}.");

    /// <summary>Fails on options the command does not know, so a typo is not silently ignored.</summary>
    public void Allow(params string[] options)
    {
        foreach (var option in _options.Keys)
        {
            if (option is not ("--gateway" or "--json" or "--help") && !options.Contains(option))
            {
                throw new UsageException($"'{Command}' does not take '{option}'.");
            }
        }
    }

    private void Add(string name, string value)
    {
        if (!_options.TryGetValue(name, out var values))
        {
            _options[name] = values = [];
        }

        values.Add(value);
    }
}

/// <summary>A mistake on the command line: reported with the usage text, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
