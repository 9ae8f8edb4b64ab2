using System.Net;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.Quotas;

public static class QuotaAssertions
{
    /// <summary>Asserts an OpenAI-style <c>quota_exceeded</c> error with this status, naming the quota.</summary>
    public static async Task AssertQuotaExceededAsync(this HttpResponseMessage response, HttpStatusCode status, string quota)
    {
        var body = await response.JsonAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {body.ToJsonString()}");
        Assert.Equal("quota_exceeded", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains($"'{quota}'", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    public static Task<bool> EventuallyAsync(Func<Task<bool>> condition) =>
        Eventually.HoldsAsync(condition, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(100));
}
