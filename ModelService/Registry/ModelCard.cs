namespace Platform.ModelService.Registry;

public enum ModelKind
{
    Embedding,
    Chat,
}

public enum ModelProvider
{
    /// <summary>Runs in this process on ONNX Runtime.</summary>
    EmbeddedOnnx,

    /// <summary>Forwarded to the OpenAI-compatible provider named by <c>ConnectionStrings:llm</c>.</summary>
    OpenAiCompatible,
}

/// <summary>One entry of the model registry, as <c>/v1/models</c> lists it.</summary>
public sealed record ModelCard(string Id, ModelKind Kind, ModelProvider Provider);
