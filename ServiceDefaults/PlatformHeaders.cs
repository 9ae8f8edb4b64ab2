namespace Platform.ServiceDefaults;

public static class PlatformHeaders
{
    public const string ClientId = "X-Platform-Client-Id";

    /// <summary>The agent a model call is made for, set by the agent service on its calls to the models service.</summary>
    public const string AgentId = "X-Platform-Agent-Id";
}
