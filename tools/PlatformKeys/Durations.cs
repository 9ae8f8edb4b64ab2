using System.Globalization;

namespace Platform.Tools.PlatformKeys;

/// <summary>Durations as people type them: a whole number and one unit, <c>d</c>, <c>h</c>, <c>m</c> or <c>s</c>.</summary>
public static class Durations
{
    public static TimeSpan Parse(string text, string option)
    {
        if (text.Length >= 2 && long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount > 0)
        {
            switch (text[^1])
            {
                case 'd' when amount <= 36_500: return TimeSpan.FromDays(amount);
                case 'h' when amount <= 876_000: return TimeSpan.FromHours(amount);
                case 'm' when amount <= 52_560_000: return TimeSpan.FromMinutes(amount);
                case 's' when amount <= 3_153_600_000: return TimeSpan.FromSeconds(amount);
            }
        }

        throw new UsageException($"'{option} {text}' is not a duration; use a number and d, h, m or s, such as 30d.");
    }
}
