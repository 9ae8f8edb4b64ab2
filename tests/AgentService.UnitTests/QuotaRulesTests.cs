using Platform.AgentService.Quotas;
using Platform.AgentService.Threads;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Tenancy;

namespace Platform.AgentService.UnitTests;

public sealed class QuotaRulesTests
{
    private static readonly TenantLimitSet Limits = new(2, 3, 4, 5, 6, 7, TimeSpan.FromDays(1), TimeSpan.FromDays(1), 8, 9, TimeSpan.FromHours(1));

    [Theory]
    [InlineData(TenantQuota.ActiveRuns, 429, 8)]
    [InlineData(TenantQuota.StoredBytes, 413, 6)]
    [InlineData(TenantQuota.Threads, 403, 3)]
    [InlineData(TenantQuota.Documents, 403, 5)]
    public void A_rate_answers_429_a_size_413_and_a_count_403_naming_the_quota_and_its_limit(string quota, int status, long limit)
    {
        var refused = QuotaExceededException.For(quota, Limits);

        Assert.Equal(status, refused.Status);
        Assert.Equal(limit, refused.Limit);
        Assert.Contains($"'{quota}'", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Metadata_within_the_limits_is_accepted()
    {
        new ThreadOptions().Validate(new Dictionary<string, string> { ["k"] = new string('v', 512) });
    }

    [Fact]
    public void Metadata_with_too_many_entries_or_too_long_a_key_or_value_names_the_field()
    {
        var options = new ThreadOptions();

        Assert.Equal("metadata", Assert.Throws<InvalidRequestException>(() => options.Validate(Enumerable.Range(0, 17).ToDictionary(i => $"k{i}", _ => "v"))).Param);
        Assert.Equal("metadata", Assert.Throws<InvalidRequestException>(() => options.Validate(new Dictionary<string, string> { [new string('k', 65)] = "v" })).Param);
        Assert.Equal("metadata.note", Assert.Throws<InvalidRequestException>(() => options.Validate(new Dictionary<string, string> { ["note"] = new string('v', 513) })).Param);
    }
}
