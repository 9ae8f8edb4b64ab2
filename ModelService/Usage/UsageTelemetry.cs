using System.Diagnostics.Metrics;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Usage;

/// <summary>
/// Usage metrics by tenant on the <c>Platform.Models</c> meter (listed in docs/models.md). The <c>tenant</c> label is
/// bounded by <see cref="TenantLabels"/>; exact per-tenant figures come from <c>GET /v1/usage</c>.
/// </summary>
public sealed class UsageTelemetry
{
    public const string TenantAttribute = "tenant";
    public const string QuotaAttribute = "quota";

    private readonly TenantLabels _labels;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _redisErrors;

    public UsageTelemetry(ModelTelemetry telemetry, TenantLabels labels)
    {
        _labels = labels;
        _tokens = telemetry.Meter.CreateCounter<long>("platform.models.usage.tokens", "{token}",
            "Model tokens used, by tenant, model and token type (input or output).");
        _requests = telemetry.Meter.CreateCounter<long>("platform.models.usage.requests", "{request}",
            "Metered model calls, by tenant, model and operation.");
        _rejected = telemetry.Meter.CreateCounter<long>("platform.models.quota.rejected", "{request}",
            "Model calls refused with 429 by a token quota, by tenant and quota.");
        _redisErrors = telemetry.Meter.CreateCounter<long>("platform.models.usage.errors", "{error}",
            "Quota checks or usage records that failed to reach Redis (the call went ahead unmetered).");
        // Zero from the start, so their rates are 0 rather than absent until the first one.
        foreach (var quota in new[] { Platform.ServiceDefaults.Tenancy.TenantQuota.TokensPerMinute, Platform.ServiceDefaults.Tenancy.TenantQuota.TokensPerDay })
        {
            _rejected.Add(0, new KeyValuePair<string, object?>(TenantAttribute, TenantLabels.Other), new KeyValuePair<string, object?>(QuotaAttribute, quota));
        }

        _redisErrors.Add(0, new KeyValuePair<string, object?>("operation", "check"));
        _redisErrors.Add(0, new KeyValuePair<string, object?>("operation", "record"));
    }

    public void Used(string tenant, string model, string operation, ModelUsage usage)
    {
        var label = new KeyValuePair<string, object?>(TenantAttribute, _labels.Of(tenant));
        var modelTag = new KeyValuePair<string, object?>(ModelTelemetry.ModelAttribute, model);
        _requests.Add(1, label, modelTag, new KeyValuePair<string, object?>(ModelTelemetry.OperationAttribute, operation));
        if (usage.PromptTokens > 0)
        {
            _tokens.Add(usage.PromptTokens, label, modelTag, new KeyValuePair<string, object?>(ModelTelemetry.TokenTypeAttribute, "input"));
        }

        if (usage.CompletionTokens > 0)
        {
            _tokens.Add(usage.CompletionTokens, label, modelTag, new KeyValuePair<string, object?>(ModelTelemetry.TokenTypeAttribute, "output"));
        }
    }

    public void QuotaRejected(string tenant, string quota) =>
        _rejected.Add(1, new KeyValuePair<string, object?>(TenantAttribute, _labels.Of(tenant)), new KeyValuePair<string, object?>(QuotaAttribute, quota));

    public void RedisFailed(string operation) => _redisErrors.Add(1, new KeyValuePair<string, object?>("operation", operation));
}
