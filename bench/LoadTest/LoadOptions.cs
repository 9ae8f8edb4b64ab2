using System.Globalization;

namespace Platform.Bench.LoadTest;

/// <summary>
/// A bounded load: <see cref="Clients"/> clients start one after another over <see cref="RampUp"/>, all of them run
/// for <see cref="Hold"/>, and no client starts a request after <see cref="MaxRequests"/> have started; requests in
/// flight then get <see cref="DrainTimeout"/> to finish.
/// </summary>
public sealed record LoadOptions
{
    public required Uri Gateway { get; init; }

    public required string ApiKey { get; init; }

    public int Clients { get; init; } = 8;

    public TimeSpan RampUp { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Hold { get; init; } = TimeSpan.FromSeconds(30);

    public int MaxRequests { get; init; } = 5000;

    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Share of each operation, in parts (default 4 embeddings : 2 chat : 2 chat streams : 2 agent runs).</summary>
    public IReadOnlyDictionary<Operation, int> Mix { get; init; } = new Dictionary<Operation, int>
    {
        [Operation.Embeddings] = 4,
        [Operation.Chat] = 2,
        [Operation.ChatStream] = 2,
        [Operation.AgentRun] = 2,
    };

    public string EmbeddingModel { get; init; } = "all-minilm-l6-v2";

    /// <summary>Chat and agent model; empty: the first model <c>/v1/models</c> lists besides the embedding model.</summary>
    public string? ChatModel { get; init; }

    /// <summary>Seed of the operation order, so two runs send the same sequence.</summary>
    public int Seed { get; init; } = 15;

    public SloTargets Slo { get; init; } = SloTargets.Default;

    public const string Usage =
        "usage: load-test --gateway <url> --key <api key> [--clients 8] [--ramp-up 10] [--hold 30] [--max-requests 5000]\n" +
        "       [--mix embeddings=4,chat=2,chat-stream=2,agent-run=2] [--chat-model <id>] [--embedding-model all-minilm-l6-v2]\n" +
        "       (times in seconds; the key may also come from LOAD_TEST_API_KEY)";

    public static LoadOptions? Parse(IReadOnlyList<string> args, string? keyFromEnvironment)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            values[args[i][2..]] = args[i + 1];
        }

        if (args.Count % 2 != 0 || !values.TryGetValue("gateway", out var gateway) || !Uri.TryCreate(gateway, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var key = values.GetValueOrDefault("key") ?? keyFromEnvironment;
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        var options = new LoadOptions { Gateway = uri, ApiKey = key };
        try
        {
            return options with
            {
                Clients = Int(values, "clients", options.Clients),
                RampUp = TimeSpan.FromSeconds(Int(values, "ramp-up", (int)options.RampUp.TotalSeconds)),
                Hold = TimeSpan.FromSeconds(Int(values, "hold", (int)options.Hold.TotalSeconds)),
                MaxRequests = Int(values, "max-requests", options.MaxRequests),
                Mix = values.TryGetValue("mix", out var mix) ? ParseMix(mix) : options.Mix,
                ChatModel = values.GetValueOrDefault("chat-model"),
                EmbeddingModel = values.GetValueOrDefault("embedding-model") ?? options.EmbeddingModel,
            };
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback) =>
        values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : throw new FormatException(name)
            : fallback;

    private static Dictionary<Operation, int> ParseMix(string text) => text.Split(',').Select(part => part.Split('=')).ToDictionary(
        pair => pair[0] switch
        {
            "embeddings" => Operation.Embeddings,
            "chat" => Operation.Chat,
            "chat-stream" => Operation.ChatStream,
            "agent-run" => Operation.AgentRun,
            _ => throw new FormatException(pair[0]),
        },
        pair => pair.Length == 2 && int.TryParse(pair[1], NumberStyles.None, CultureInfo.InvariantCulture, out var parts) ? parts : throw new FormatException(pair[0]));
}
