namespace Platform.AppHost.Telemetry;

/// <summary>
/// Whether prompts and completions are recorded on model-call spans (<c>gen_ai.input.messages</c> and
/// <c>gen_ai.output.messages</c>). Off unless <c>Telemetry:CaptureMessageContent</c> is true in the AppHost's
/// configuration, locally and in what is published: message text is user data, and traces land in a shared backend.
/// The run-mode orchestrator turns capture on for every project by default, so the setting is always written.
/// </summary>
public static class MessageContentCapture
{
    public const string Setting = "Telemetry:CaptureMessageContent";
    public const string Variable = "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT";

    public static IResourceBuilder<ProjectResource> WithMessageContentCapture(this IResourceBuilder<ProjectResource> project)
    {
        var capture = string.Equals(project.ApplicationBuilder.Configuration[Setting], "true", StringComparison.OrdinalIgnoreCase);
        return project.WithEnvironment(Variable, capture ? "true" : "false");
    }
}
