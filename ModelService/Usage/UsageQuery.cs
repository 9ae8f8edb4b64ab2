using System.Globalization;

namespace Platform.ModelService.Usage;

/// <summary>The days <c>GET /v1/usage</c> covers: <c>start_date</c> and <c>end_date</c> (UTC, <c>yyyy-MM-dd</c>, both included).</summary>
public sealed record UsageQuery(DateOnly Start, DateOnly End)
{
    /// <summary>Defaults: the last 7 days up to today. A bad date, an end before the start or too long a range is a 400 naming the field.</summary>
    public static UsageQuery Parse(string? startDate, string? endDate, DateOnly today, int maxDays)
    {
        var end = endDate is null ? today : Date(endDate, "end_date");
        var start = startDate is null ? (endDate is null ? today.AddDays(-6) : end.AddDays(-6)) : Date(startDate, "start_date");
        if (end < start)
        {
            throw new InvalidRequestException("'end_date' must not be before 'start_date'.", "end_date");
        }

        if (end.DayNumber - start.DayNumber + 1 > maxDays)
        {
            throw new InvalidRequestException($"The range from 'start_date' to 'end_date' covers more than {maxDays} days.", "start_date");
        }

        return new UsageQuery(start, end);
    }

    private static DateOnly Date(string value, string param) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new InvalidRequestException($"'{param}' must be a date in the form yyyy-MM-dd (UTC).", param, code: "invalid_date");
}
