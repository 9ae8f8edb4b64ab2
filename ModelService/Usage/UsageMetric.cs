namespace Platform.ModelService.Usage;

/// <summary>The counters kept per day, model and agent (field suffixes in <see cref="UsageKeys"/>, fields of the API).</summary>
public static class UsageMetric
{
    public const string Requests = "requests";
    public const string PromptTokens = "prompt_tokens";
    public const string CompletionTokens = "completion_tokens";
    public const string EmbeddingInputs = "embedding_inputs";
}
