namespace Platform.AgentService;

/// <summary>
/// Makes a value (a client id, a client's idempotency key) safe as one part of a <c>:</c>-separated Redis key:
/// <c>%</c> and <c>:</c> are percent-encoded, so two parts joined by <c>:</c> can never read as a different pair
/// (client <c>a:b</c> with key <c>c</c> and client <c>a</c> with key <c>b:c</c> stay apart).
/// </summary>
public static class RedisKeyPart
{
    public static string Escape(string value) =>
        value.AsSpan().IndexOfAny('%', ':') < 0 ? value : value.Replace("%", "%25", StringComparison.Ordinal).Replace(":", "%3A", StringComparison.Ordinal);
}
