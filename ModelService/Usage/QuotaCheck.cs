using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.ModelService.Usage;

/// <summary>
/// The answer of <see cref="TokenQuotas.CheckAsync"/>: allowed, or which quota a request would exceed; with the
/// figures the <c>x-ratelimit-*-tokens</c> headers carry (the minute quota, or the day quota once that one binds).
/// </summary>
public sealed record QuotaCheck(string? ExceededQuota, long Limit, long Remaining, TimeSpan Reset, long Requested)
{
    public const string LimitHeader = "x-ratelimit-limit-tokens";
    public const string RemainingHeader = "x-ratelimit-remaining-tokens";
    public const string ResetHeader = "x-ratelimit-reset-tokens";

    /// <summary>What a replica answers when it could not read the counters: allowed, and no headers.</summary>
    public static QuotaCheck Unknown { get; } = new(null, 0, 0, TimeSpan.Zero, 0);

    public bool Allowed => ExceededQuota is null;

    public void WriteHeaders(HttpResponse response)
    {
        if (ReferenceEquals(this, Unknown))
        {
            return;
        }

        response.Headers[LimitHeader] = Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers[RemainingHeader] = Remaining.ToString(CultureInfo.InvariantCulture);
        response.Headers[ResetHeader] = FormatReset(Reset);
    }

    /// <summary>429 naming the quota, with <c>Retry-After</c> and the token headers.</summary>
    public JsonHttpResult<OpenAiError> Rejection(HttpResponse response)
    {
        WriteHeaders(response);
        response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(Reset.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var per = ExceededQuota == Platform.ServiceDefaults.Tenancy.TenantQuota.TokensPerDay ? "day" : "minute";
        var message = Requested > Limit
            ? $"This request needs {Requested} tokens, more than the quota '{ExceededQuota}' allows ({Limit} tokens per {per})."
            : $"The quota '{ExceededQuota}' is used up ({Limit} tokens per {per}, {Remaining} left); retry in {FormatReset(Reset)}.";
        return ApiErrors.Error(StatusCodes.Status429TooManyRequests, message, code: ExceededQuota);
    }

    /// <summary>OpenAI's duration format: <c>1h2m3s</c>, <c>45s</c>, <c>250ms</c>.</summary>
    public static string FormatReset(TimeSpan reset)
    {
        if (reset < TimeSpan.FromSeconds(1))
        {
            return $"{Math.Max(0, (int)reset.TotalMilliseconds)}ms";
        }

        var seconds = (long)Math.Ceiling(reset.TotalSeconds);
        var (hours, minutes, rest) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
        return hours > 0 ? $"{hours}h{minutes}m{rest}s" : minutes > 0 ? $"{minutes}m{rest}s" : $"{rest}s";
    }
}
