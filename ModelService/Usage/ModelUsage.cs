namespace Platform.ModelService.Usage;

/// <summary>What one model call used: prompt and completion tokens, and for embeddings how many inputs it embedded.</summary>
public readonly record struct ModelUsage(long PromptTokens, long CompletionTokens, long EmbeddingInputs)
{
    public long TotalTokens => PromptTokens + CompletionTokens;
}
