using Platform.ModelService.Registry;

namespace Platform.ModelService.Embeddings;

/// <summary>
/// How much of the batch queue one tenant's waiting inputs may hold: <see cref="EmbeddingModelOptions.TenantQueueShare"/>
/// of its inputs and of its tokens, but never less than one request of the largest size, so any valid request fits
/// when its tenant has nothing waiting. The rest of the queue stays open to every other tenant.
/// </summary>
public sealed record TenantShare(int MaxInputs, long MaxTokens)
{
    public static TenantShare For(EmbeddingModelOptions options) => new(
        Math.Max((int)(options.TenantQueueShare * options.QueueCapacity), options.MaxInputsPerRequest),
        Math.Max((long)(options.TenantQueueShare * options.QueueTokenCapacity), (long)options.MaxInputsPerRequest * options.MaxSequenceLength));

    public bool Admits(Load load, int inputs, long tokens) =>
        load.Inputs + inputs <= MaxInputs && load.Tokens + tokens <= MaxTokens;

    /// <summary>A tenant's inputs and tokens waiting in the queue.</summary>
    public readonly record struct Load(int Inputs, long Tokens)
    {
        public Load Add(int inputs, long tokens) => new(Inputs + inputs, Tokens + tokens);
    }
}
