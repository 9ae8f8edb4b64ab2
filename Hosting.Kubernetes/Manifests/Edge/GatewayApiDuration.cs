using System.Globalization;

namespace Platform.Hosting.Kubernetes.Manifests.Edge;

/// <summary>Gateway API durations (GEP-2257): whole seconds, as <c>1805s</c>, rounded up so a limit never shrinks.</summary>
public static class GatewayApiDuration
{
    public static string Format(TimeSpan value) =>
        ((long)Math.Ceiling(value.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s";

    public static TimeSpan Parse(string value)
    {
        var total = TimeSpan.Zero;
        var number = 0L;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsAsciiDigit(c))
            {
                number = number * 10 + (c - '0');
                continue;
            }

            var unit = c == 'm' && i + 1 < value.Length && value[i + 1] == 's' ? "ms" : c.ToString();
            i += unit.Length - 1;
            total += unit switch
            {
                "h" => TimeSpan.FromHours(number),
                "m" => TimeSpan.FromMinutes(number),
                "s" => TimeSpan.FromSeconds(number),
                "ms" => TimeSpan.FromMilliseconds(number),
                _ => throw new FormatException($"'{value}' is not a Gateway API duration."),
            };
            number = 0;
        }

        return total;
    }
}
