namespace Platform.Bench.LoadTest;

/// <summary>What one request of the profile does.</summary>
public enum Operation
{
    /// <summary><c>POST /v1/embeddings</c> with a short text.</summary>
    Embeddings,

    /// <summary><c>POST /v1/chat/completions</c>, answered whole.</summary>
    Chat,

    /// <summary><c>POST /v1/chat/completions</c> with <c>stream: true</c>, read to <c>[DONE]</c>.</summary>
    ChatStream,

    /// <summary>A background agent run whose agent has a tool, followed on its event stream to the end (resumed with Last-Event-ID).</summary>
    AgentRun,
}
