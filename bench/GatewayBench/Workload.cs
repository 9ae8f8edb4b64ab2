using System.Text;

namespace Platform.Bench.Gateway;

/// <summary>
/// One kind of traffic, loaded the same way through every path. <see cref="ThroughputTarget"/> is the share of bare
/// YARP's throughput the gateway must reach on it.
/// </summary>
public sealed record Workload(string Name, string Path, string Description, string? WrkScript, bool Streams, double ThroughputTarget)
{
    public const int PostBodyBytes = 64 * 1024;

    /// <summary>The small authenticated GET: a 95-byte JSON answer, where the proxy's own cost shows most.</summary>
    public static Workload SmallGet { get; } = new("get", Backend.ModelsPath, "GET, 95-byte JSON answer", null, false, 0.8);

    /// <summary>An embeddings-sized JSON POST: the body limit and stream-detection path.</summary>
    public static Workload LargePost { get; } = new("post64k", Backend.EmbeddingsPath, "POST, 64 KB JSON body",
        Script("POST", $$"""{"model":"all-minilm-l6-v2","input":["{{new string('x', PostBodyBytes - 48)}}"]}"""), false, 0.9);

    /// <summary>A streamed chat completion: many small SSE chunks per request.</summary>
    public static Workload SseStreams { get; } = new("sse", Backend.ChatPath, $"SSE, {Backend.StreamChunks} chunks of ~60 bytes",
        Script("POST", """{"model":"scripted-model","stream":true,"messages":[{"role":"user","content":"Hi"}]}"""), true, 0.9);

    public static IReadOnlyList<Workload> All { get; } = [SmallGet, LargePost, SseStreams];

    public static IReadOnlyList<Workload> Parse(string? names) =>
        names is null or "all" ? All : [.. names.Split(',').Select(name => All.Single(workload => workload.Name == name))];

    private static string Script(string method, string body)
    {
        var escaped = body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        var script = new StringBuilder();
        script.AppendLine($"wrk.method = \"{method}\"");
        script.AppendLine("wrk.headers[\"Content-Type\"] = \"application/json\"");
        script.AppendLine($"wrk.body = \"{escaped}\"");
        return script.ToString();
    }
}
