using System.ComponentModel.DataAnnotations;

namespace Platform.ModelService.Registry;

/// <summary>One embedded ONNX embedding model: where its files come from and the limits it is served with.</summary>
public sealed class EmbeddingModelOptions : IValidatableObject
{
    /// <summary>
    /// Assembly whose manifest resources hold the model as <c>{assembly}.Resources.model.onnx</c> and
    /// <c>{assembly}.Resources.vocab.txt</c> (how the SentenceTransformers packages ship them).
    /// </summary>
    public string? ResourceAssembly { get; set; }

    /// <summary>Path of an ONNX BERT-style encoder, used with <see cref="VocabularyPath"/> instead of resources.</summary>
    public string? OnnxPath { get; set; }

    /// <summary>Path of the WordPiece vocabulary (one token a line) that belongs to <see cref="OnnxPath"/>.</summary>
    public string? VocabularyPath { get; set; }

    /// <summary>True for uncased models: input is lower-cased and accents are stripped before WordPiece.</summary>
    public bool LowercaseInput { get; set; } = true;

    /// <summary>
    /// Tokens per input including [CLS] and [SEP]; longer input is truncated (or refused, see
    /// <see cref="RejectOverlongInput"/>). 256 is all-MiniLM-L6-v2's reference length (sentence-transformers'
    /// <c>max_seq_length</c>), so vectors equal the reference's; 512 (the position limit) is allowed but differs on longer text.
    /// </summary>
    [Range(8, 8_192)]
    public int MaxSequenceLength { get; set; } = 256;

    /// <summary>Words longer than this many characters become one [UNK] (BERT's <c>max_input_chars_per_word</c>).</summary>
    [Range(1, 10_000)]
    public int MaxCharactersPerWord { get; set; } = 100;

    /// <summary>
    /// True: an input longer than <see cref="MaxSequenceLength"/> answers 400 <c>context_length_exceeded</c>, as OpenAI
    /// does. False (default): it is truncated, as sentence-transformers does, and usage counts the tokens kept.
    /// </summary>
    public bool RejectOverlongInput { get; set; }

    /// <summary>Most inputs run together in one ONNX Runtime call. 1 switches batching across requests off.</summary>
    [Range(1, 1_024)]
    public int MaxBatchSize { get; set; } = 32;

    /// <summary>
    /// Most tokens in one ONNX Runtime call, counted as the model runs them: inputs times the longest of them
    /// (shorter ones are padded). Like text-embeddings-inference's <c>max-batch-tokens</c>: long inputs run in smaller
    /// batches, short ones in larger. At least <see cref="MaxSequenceLength"/>, so every input fits.
    /// </summary>
    [Range(8, 1_048_576)]
    public int MaxBatchTokens { get; set; } = 8_192;

    /// <summary>
    /// Inputs run together only if the longest is at most this factor times the shortest (plus 16 tokens), so a short
    /// query is not padded to a long chunk. 1000 switches length grouping off (batches then fill by count and tokens).
    /// </summary>
    [Range(1.0, 1_000.0)]
    public double LengthGroupFactor { get; set; } = 1.25;

    /// <summary>Longest time the oldest queued input waits for a batch to fill before it runs anyway.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan MaxQueueDelay { get; set; } = TimeSpan.FromMilliseconds(4);

    /// <summary>Most inputs waiting in the queue; a request that does not fit answers 429 at once.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 1_024;

    /// <summary>
    /// Most tokens waiting in the queue (what the queue costs to drain, unlike a count of inputs); a request that does
    /// not fit answers 429 at once. At least <see cref="MaxInputsPerRequest"/> x <see cref="MaxSequenceLength"/>, so
    /// any valid request fits an empty queue.
    /// </summary>
    [Range(8, 100_000_000)]
    public int QueueTokenCapacity { get; set; } = 131_072;

    /// <summary>
    /// Most of the queue (of <see cref="QueueCapacity"/> and of <see cref="QueueTokenCapacity"/>) one tenant's waiting
    /// inputs may hold; its requests beyond that answer 429 while the rest stays open to other tenants. Never less than
    /// one request of <see cref="MaxInputsPerRequest"/> inputs of <see cref="MaxSequenceLength"/> tokens. 1: no share.
    /// </summary>
    [Range(0.01, 1.0)]
    public double TenantQueueShare { get; set; } = 0.5;

    /// <summary>Most inputs one request may carry.</summary>
    [Range(1, 2_048)]
    public int MaxInputsPerRequest { get; set; } = 256;

    /// <summary>ONNX Runtime threads inside one operator; 0 lets ONNX Runtime use one per physical core.</summary>
    [Range(0, 256)]
    public int IntraOpThreads { get; set; }

    /// <summary>ONNX Runtime threads across operators (the session runs operators sequentially, so 1 is enough).</summary>
    [Range(0, 256)]
    public int InterOpThreads { get; set; } = 1;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var hasResources = !string.IsNullOrWhiteSpace(ResourceAssembly);
        var hasFiles = !string.IsNullOrWhiteSpace(OnnxPath) || !string.IsNullOrWhiteSpace(VocabularyPath);
        if (hasResources == hasFiles)
        {
            yield return new ValidationResult("Set either ResourceAssembly, or both OnnxPath and VocabularyPath.", [nameof(ResourceAssembly)]);
        }
        else if (hasFiles && (string.IsNullOrWhiteSpace(OnnxPath) || string.IsNullOrWhiteSpace(VocabularyPath)))
        {
            yield return new ValidationResult("OnnxPath and VocabularyPath go together.", [nameof(OnnxPath), nameof(VocabularyPath)]);
        }

        if (MaxInputsPerRequest > QueueCapacity)
        {
            yield return new ValidationResult("MaxInputsPerRequest cannot exceed QueueCapacity.", [nameof(MaxInputsPerRequest)]);
        }

        if (MaxBatchTokens < MaxSequenceLength)
        {
            yield return new ValidationResult("MaxBatchTokens must be at least MaxSequenceLength, or the longest input could never run.", [nameof(MaxBatchTokens)]);
        }

        if ((long)MaxInputsPerRequest * MaxSequenceLength > QueueTokenCapacity)
        {
            yield return new ValidationResult(
                $"QueueTokenCapacity must be at least MaxInputsPerRequest x MaxSequenceLength ({(long)MaxInputsPerRequest * MaxSequenceLength}), or a valid request could never be queued.",
                [nameof(QueueTokenCapacity)]);
        }
    }
}
