using System.Text.RegularExpressions;

namespace Platform.Monitoring.Tests;

/// <summary>Just enough PromQL reading to list the metrics an expression names and the signals an alert compares.</summary>
public static partial class PromQl
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal)
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "inf", "nan",
    };

    /// <summary>Metric names (and recording-rule names) an expression selects.</summary>
    public static IReadOnlySet<string> MetricNames(string expression)
    {
        var text = StringLiteral().Replace(expression, "\"\"");
        text = LabelMatchers().Replace(text, " ");
        text = RangeOrSubquery().Replace(text, " ");
        text = Grouping().Replace(text, " ");
        return Identifier().Matches(text)
            .Where(match => !IsFunctionCall(text, match) && !Keywords.Contains(match.Value))
            .Select(match => match.Value)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The signals of an alert: its expression split at top-level <c>and</c>/<c>or</c>/<c>unless</c>, each
    /// without its final threshold comparison. A healthy system fires no alert, but every signal must still
    /// return data, or the alert watches nothing.
    /// </summary>
    public static IReadOnlyList<string> Signals(string expression)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < expression.Length; i++)
        {
            depth += expression[i] switch { '(' or '{' or '[' => 1, ')' or '}' or ']' => -1, _ => 0 };
            if (depth == 0 && TopLevelSetOperator().Match(expression, i) is { Success: true } match && match.Index == i && (i == 0 || char.IsWhiteSpace(expression[i - 1])))
            {
                parts.Add(expression[start..i]);
                start = i + match.Length;
                i = start - 1;
            }
        }

        parts.Add(expression[start..]);
        return parts.Select(part => TrailingComparison().Replace(part.Trim(), "").Trim()).Where(part => part.Length > 0).ToList();
    }

    private static bool IsFunctionCall(string text, Match match)
    {
        var next = match.Index + match.Length;
        while (next < text.Length && char.IsWhiteSpace(text[next]))
        {
            next++;
        }

        return next < text.Length && text[next] == '(';
    }

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex LabelMatchers();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex RangeOrSubquery();

    [GeneratedRegex(@"\b(by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    [GeneratedRegex(@"(?<![\w.:$])[a-zA-Z_:][a-zA-Z0-9_:]*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"(and|or|unless)\s")]
    private static partial Regex TopLevelSetOperator();

    [GeneratedRegex(@"\s*(>=|<=|==|!=|>|<)\s*(bool\s+)?-?[0-9.eE+]+\s*$")]
    private static partial Regex TrailingComparison();
}
