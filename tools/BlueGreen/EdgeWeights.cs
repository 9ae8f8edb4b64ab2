namespace Platform.Tools.BlueGreen;

/// <summary>How the edge splits requests between the colours: a weight per colour, as on an HTTPRoute's backends.</summary>
public sealed record EdgeWeights(IReadOnlyDictionary<string, int> ByColour)
{
    public const string Blue = "blue";
    public const string Green = "green";

    public static readonly IReadOnlyList<string> Colours = [Blue, Green];

    /// <summary>All traffic to one colour, none to the other.</summary>
    public static EdgeWeights AllTo(string colour) =>
        new(Colours.ToDictionary(each => each, each => each == colour ? 100 : 0, StringComparer.Ordinal));

    /// <summary>The colour taking every request; null while the edge splits them (a half-finished switch).</summary>
    public string? Live => ByColour.Count(pair => pair.Value > 0) == 1 ? ByColour.Single(pair => pair.Value > 0).Key : null;

    public static string Other(string colour) => colour switch
    {
        Blue => Green,
        Green => Blue,
        _ => throw new ArgumentException($"Unknown colour '{colour}': expected {Blue} or {Green}.", nameof(colour)),
    };

    public override string ToString() => string.Join(", ", ByColour.OrderBy(pair => pair.Key, StringComparer.Ordinal).Select(pair => $"{pair.Key} {pair.Value}"));
}
