using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Platform.ModelService.Telemetry;

/// <summary>
/// The <c>Platform.Models</c> activity source and meter. Attribute names follow the OpenTelemetry GenAI
/// semantic conventions (<c>gen_ai.*</c>) where they exist; every instrument is listed in docs/models.md.
/// </summary>
public sealed class ModelTelemetry
{
    public const string SourceName = "Platform.Models";

    public const string OperationAttribute = "gen_ai.operation.name";
    public const string ModelAttribute = "gen_ai.request.model";
    public const string TokenTypeAttribute = "gen_ai.token.type";
    public const string ErrorTypeAttribute = "error.type";
    public const string QueueFullReason = "queue_full";
    public const string TenantShareReason = "tenant_share";

    public static readonly ActivitySource Source = new(SourceName);

    private readonly Histogram<double> _requestDuration;
    private readonly Histogram<int> _batchSize;
    private readonly Histogram<int> _batchTokens;
    private readonly Histogram<double> _queueWait;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _tokens;

    public ModelTelemetry(IMeterFactory meterFactory)
    {
        Meter = meterFactory.Create(SourceName);
        _requestDuration = Meter.CreateHistogram<double>("gen_ai.server.request.duration", "s",
            "Time to serve one model request, until the last byte or token.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        _batchSize = Meter.CreateHistogram<int>("platform.models.batch.size", "{input}",
            "Inputs run together in one ONNX Runtime call.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });
        _batchTokens = Meter.CreateHistogram<int>("platform.models.batch.tokens", "{token}",
            "Tokens in one ONNX Runtime call as the model runs them: inputs times the longest, padding included.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [64, 128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768] });
        _queueWait = Meter.CreateHistogram<double>("platform.models.queue.wait", "s",
            "Time a request waited in the batch queue before its first input ran.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
        _rejected = Meter.CreateCounter<long>("platform.models.requests.rejected", "{request}",
            "Requests turned away at once because the batch queue was full.");
        _tokens = Meter.CreateCounter<long>("platform.models.tokens", "{token}",
            "Tokens processed, by model and token type (input or output).");
    }

    public Meter Meter { get; }

    public void RecordRequest(string operation, string model, TimeSpan duration, string? errorType)
    {
        var tags = new TagList { { OperationAttribute, operation }, { ModelAttribute, model } };
        if (errorType is not null)
        {
            tags.Add(ErrorTypeAttribute, errorType);
        }

        _requestDuration.Record(duration.TotalSeconds, tags);
    }

    public void RecordBatch(string model, int size, int paddedTokens)
    {
        _batchSize.Record(size, new KeyValuePair<string, object?>(ModelAttribute, model));
        _batchTokens.Record(paddedTokens, new KeyValuePair<string, object?>(ModelAttribute, model));
    }

    public void RecordQueueWait(string model, TimeSpan wait) =>
        _queueWait.Record(wait.TotalSeconds, new KeyValuePair<string, object?>(ModelAttribute, model));

    public void InitializeRejections(string model, string reason) =>
        _rejected.Add(0, new KeyValuePair<string, object?>(ModelAttribute, model), new KeyValuePair<string, object?>("reason", reason));

    public void RecordRejected(string model, string reason) =>
        _rejected.Add(1, new KeyValuePair<string, object?>(ModelAttribute, model), new KeyValuePair<string, object?>("reason", reason));

    public void RecordTokens(string model, string tokenType, long count)
    {
        if (count > 0)
        {
            _tokens.Add(count, new KeyValuePair<string, object?>(ModelAttribute, model), new KeyValuePair<string, object?>(TokenTypeAttribute, tokenType));
        }
    }
}
