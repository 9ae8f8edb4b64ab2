using System.Diagnostics;
using Platform.ModelService.Registry;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Embeddings;

public enum ModelState
{
    Loading,
    Ready,
    Failed,
}

/// <summary>One embedding model's life in this process: loading, warming up, serving through its batcher.</summary>
public sealed partial class EmbeddingModelHost(string id, EmbeddingModelOptions options, ModelTelemetry telemetry, ILogger<EmbeddingModelHost> logger) : IAsyncDisposable
{
    private const string WarmUpText = "Warm-up input that makes ONNX Runtime allocate its buffers before traffic arrives.";

    private OnnxEmbeddingModel? _model;
    private EmbeddingBatcher? _batcher;

    // Written by the loader thread, read by every request and probe.
    private volatile ModelState _state = ModelState.Loading;

    public string Id { get; } = id;

    public EmbeddingModelOptions Options { get; } = options;

    public ModelState State => _state;

    public string? Failure { get; private set; }

    public int Dimensions => _model?.Dimensions ?? 0;

    /// <summary>The loaded model, for direct use (benchmarks); requests go through <see cref="Batcher"/>.</summary>
    public OnnxEmbeddingModel Model => _model ?? throw new InvalidOperationException($"Model '{Id}' is {State}.");

    public EmbeddingBatcher Batcher => _batcher ?? throw new InvalidOperationException($"Model '{Id}' is {State}.");

    /// <summary>Tokenizes a request's inputs for this model, truncating or refusing over-long ones as configured.</summary>
    public TokenizedInputs Tokenize(IReadOnlyList<string> inputs) =>
        TokenizedInputs.From(inputs, Model.Tokenizer, Id, Options.RejectOverlongInput);

    /// <summary>
    /// Embeds tokenized inputs through the batcher, with other requests' inputs, in the queue share of
    /// <paramref name="tenant"/>; the span <c>embeddings {model}</c> and the input-token count are recorded here.
    /// </summary>
    public async Task<EmbeddingResult> EmbedAsync(TokenizedInputs tokenized, string tenant, CancellationToken cancellationToken)
    {
        using var activity = ModelTelemetry.Source.StartActivity($"embeddings {Id}");
        activity?.SetTag(ModelTelemetry.OperationAttribute, "embeddings");
        activity?.SetTag(ModelTelemetry.ModelAttribute, Id);
        activity?.SetTag("gen_ai.usage.input_tokens", tokenized.Tokens);

        var vectors = await Batcher.EmbedAsync(tokenized.Ids, tenant, cancellationToken);
        telemetry.RecordTokens(Id, "input", tokenized.Tokens);
        return new EmbeddingResult(vectors, tokenized.Tokens);
    }

    /// <summary>Loads the model and runs one full batch and one single input, so the first request is not the slow one.</summary>
    public void LoadAndWarmUp()
    {
        try
        {
            var started = Stopwatch.GetTimestamp();
            LogLoading(Id, ModelFiles.Describe(Options));
            var model = new OnnxEmbeddingModel(Options);
            LogLoaded(Id, model.Dimensions, Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            var input = model.Tokenizer.Tokenize(WarmUpText);
            model.Embed(Enumerable.Repeat(input, Options.MaxBatchSize).ToList());
            model.Embed([input]);
            _model = model;
            _batcher = new EmbeddingBatcher(Id, model, Options, telemetry, logger);
            _state = ModelState.Ready;
            LogReady(Id, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (Exception exception)
        {
            Failure = exception.Message;
            _state = ModelState.Failed;
            LogFailed(exception, Id);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_batcher is not null)
        {
            await _batcher.DisposeAsync();
        }

        _model?.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Loading embedding model {Model} from {Source}.")]
    private partial void LogLoading(string model, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded embedding model {Model} ({Dimensions} dimensions) in {ElapsedMs:F0} ms; warming up.")]
    private partial void LogLoaded(string model, int dimensions, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedding model {Model} is ready after {ElapsedMs:F0} ms.")]
    private partial void LogReady(string model, double elapsedMs);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Embedding model {Model} failed to load; the replica stays unready.")]
    private partial void LogFailed(Exception exception, string model);
}
