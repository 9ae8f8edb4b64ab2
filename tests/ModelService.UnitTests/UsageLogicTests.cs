using Microsoft.Extensions.Options;
using Platform.ModelService.Usage;
using Platform.ServiceDefaults;

namespace Platform.ModelService.UnitTests;

/// <summary>The pure parts of usage metering: field names, date ranges, reset durations and bounded tenant labels.</summary>
public sealed class UsageLogicTests
{
    [Theory]
    [InlineData("gpt-4o||prompt_tokens", "gpt-4o", null, "prompt_tokens")]
    [InlineData("gpt-4o|agent_1|requests", "gpt-4o", "agent_1", "requests")]
    [InlineData("org|model|agent_1|completion_tokens", "org|model", "agent_1", "completion_tokens")]
    public void A_usage_field_splits_from_the_right(string field, string model, string? agent, string metric)
    {
        Assert.True(UsageKeys.TryParse(field, out var parsedModel, out var parsedAgent, out var parsedMetric));
        Assert.Equal((model, agent, metric), (parsedModel, parsedAgent, parsedMetric));
        Assert.Equal(field, UsageKeys.Field(model, agent, metric).ToString());
    }

    [Fact]
    public void The_daily_total_is_not_a_usage_bucket() => Assert.False(UsageKeys.TryParse(UsageKeys.TotalField, out _, out _, out _));

    [Fact]
    public void Without_dates_the_last_seven_days_are_reported()
    {
        var query = UsageQuery.Parse(null, null, new DateOnly(2026, 11, 30), maxDays: 93);

        Assert.Equal((new DateOnly(2026, 11, 24), new DateOnly(2026, 11, 30)), (query.Start, query.End));
    }

    [Theory]
    [InlineData("2026-02-30", null, "start_date")]
    [InlineData(null, "30/11/2026", "end_date")]
    [InlineData("2026-11-02", "2026-11-01", "end_date")]
    [InlineData("2026-01-01", "2026-12-31", "start_date")]
    public void A_bad_range_names_the_field(string? start, string? end, string field)
    {
        var error = Assert.Throws<InvalidRequestException>(() => UsageQuery.Parse(start, end, new DateOnly(2026, 11, 30), maxDays: 93));

        Assert.Equal(field, error.Param);
    }

    [Theory]
    [InlineData(0.25, "250ms")]
    [InlineData(12.2, "13s")]
    [InlineData(75, "1m15s")]
    [InlineData(3_725, "1h2m5s")]
    public void Reset_durations_are_written_as_openai_writes_them(double seconds, string expected) =>
        Assert.Equal(expected, QuotaCheck.FormatReset(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Tenants_past_the_label_limit_are_counted_as_other_unless_allowlisted()
    {
        var labels = new TenantLabels(Options.Create(new UsageOptions { MetricsTenantLimit = 2, MetricsTenants = ["billing"] }));

        Assert.Equal("a", labels.Of("a"));
        Assert.Equal("b", labels.Of("b"));
        Assert.Equal(TenantLabels.Other, labels.Of("c"));
        Assert.Equal("billing", labels.Of("billing"));
        Assert.Equal("a", labels.Of("a"));
        Assert.Equal(TenantLabels.Other, labels.Of("c"));
    }
}
