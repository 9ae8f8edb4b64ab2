namespace Platform.ModelService.Embeddings;

/// <summary>One vector per input text, in order, and the tokens the texts took.</summary>
public sealed record EmbeddingResult(float[][] Vectors, int Tokens);
