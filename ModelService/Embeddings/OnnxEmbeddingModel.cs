using Microsoft.ML.OnnxRuntime;
using Platform.ModelService.Registry;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Platform.ModelService.Embeddings;

/// <summary>
/// A sentence-transformers encoder on our own ONNX Runtime session: token ids in, mean-pooled
/// (over the attention mask) and L2-normalised vectors out, one ONNX call per batch.
/// </summary>
public sealed class OnnxEmbeddingModel : IDisposable
{
    private const string HiddenStateOutput = "last_hidden_state";
    private static readonly string[] Outputs = [HiddenStateOutput];

    private readonly InferenceSession _session;
    private readonly SessionOptions _sessionOptions;
    private readonly bool _takesTokenTypes;
    private readonly RunOptions _runOptions = new();

    public OnnxEmbeddingModel(EmbeddingModelOptions options)
    {
        Tokenizer = new WordPieceTokenizer(options);
        _sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = options.IntraOpThreads,
            InterOpNumThreads = options.InterOpThreads,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
        };
        // ONNX Runtime's pool threads spin after each call by default: free in a benchmark loop, but in a server
        // they take the cores the request threads need to parse, tokenize and serialize between batches.
        _sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(ModelFiles.ReadOnnx(options), _sessionOptions);

        if (!_session.OutputMetadata.TryGetValue(HiddenStateOutput, out var hidden) || hidden.Dimensions.Length != 3)
        {
            throw new InvalidOperationException($"The model has no '{HiddenStateOutput}' output of shape [batch, tokens, dimensions].");
        }

        Dimensions = hidden.Dimensions[2];
        _takesTokenTypes = _session.InputMetadata.ContainsKey("token_type_ids");
    }

    public WordPieceTokenizer Tokenizer { get; }

    public int Dimensions { get; }

    /// <summary>Embeds already tokenized inputs in one call; inputs are padded to the longest of them.</summary>
    public float[][] Embed(IReadOnlyList<long[]> inputs)
    {
        var batch = inputs.Count;
        var length = inputs.Max(input => input.Length);
        var ids = new long[batch * length];
        var mask = new long[batch * length];
        for (var row = 0; row < batch; row++)
        {
            inputs[row].CopyTo(ids, row * length);
            mask.AsSpan(row * length, inputs[row].Length).Fill(1);
        }

        long[] shape = [batch, length];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = _takesTokenTypes ? OrtValue.CreateTensorValueFromMemory(new long[batch * length], shape) : null;

        var names = _takesTokenTypes ? new[] { "input_ids", "attention_mask", "token_type_ids" } : ["input_ids", "attention_mask"];
        var values = _takesTokenTypes ? new[] { idsValue, maskValue, typesValue! } : [idsValue, maskValue];
        using var results = _session.Run(_runOptions, names, values, Outputs);
        return Pool(results[0].GetTensorDataAsSpan<float>(), inputs, length);
    }

    private float[][] Pool(ReadOnlySpan<float> hidden, IReadOnlyList<long[]> inputs, int length)
    {
        var vectors = new float[inputs.Count][];
        for (var row = 0; row < inputs.Count; row++)
        {
            var tokens = inputs[row].Length;
            var sum = new double[Dimensions];
            for (var token = 0; token < tokens; token++)
            {
                var state = hidden.Slice(((row * length) + token) * Dimensions, Dimensions);
                for (var d = 0; d < Dimensions; d++)
                {
                    sum[d] += state[d];
                }
            }

            // Mean pooling then L2 normalisation; the mean's 1/tokens factor cancels out in the normalisation.
            var norm = Math.Sqrt(sum.Sum(value => value * value));
            var vector = new float[Dimensions];
            for (var d = 0; d < Dimensions; d++)
            {
                vector[d] = (float)(sum[d] / Math.Max(norm, 1e-12));
            }

            vectors[row] = vector;
        }

        return vectors;
    }

    public void Dispose()
    {
        _session.Dispose();
        _sessionOptions.Dispose();
        _runOptions.Dispose();
    }
}
