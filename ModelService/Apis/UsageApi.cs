using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Platform.ModelService.Usage;

namespace Platform.ModelService.Apis;

public static class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/usage", GetUsageAsync)
            .WithName("GetUsage")
            .WithTags("Usage")
            .WithSummary("The caller's model usage per day, model and agent (UTC days, both ends included), and its token quotas.")
            .ProducesOpenAiErrors(400);
        return app;
    }

    private static async Task<Results<Ok<UsageReport>, JsonHttpResult<OpenAiError>>> GetUsageAsync(
        HttpContext http,
        [FromQuery(Name = "start_date")] string? startDate,
        [FromQuery(Name = "end_date")] string? endDate,
        UsageStore store, TokenQuotas quotas, IOptions<UsageOptions> options, TimeProvider clock)
    {
        try
        {
            var caller = ModelCaller.From(http);
            var query = UsageQuery.Parse(startDate, endDate, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), options.Value.MaxQueryDays);
            var buckets = UsageReport.Buckets(await store.ReadAsync(caller.Tenant, query.Start, query.End));
            var (perMinute, minuteUsed, perDay, dayUsed) = await quotas.StateAsync(caller.Tenant);
            return TypedResults.Ok(new UsageReport(caller.Tenant, Format(query.Start), Format(query.End), buckets, UsageTotals.Of(buckets),
                new UsageQuotas(new QuotaState(perMinute, minuteUsed), new QuotaState(perDay, dayUsed))));
        }
        catch (InvalidRequestException exception)
        {
            return ApiErrors.From(exception);
        }
    }

    private static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
