using Platform.Deploy.Tests.Support;

namespace Platform.Deploy.Tests;

/// <summary>Prompts and completions stay off the traces of every published environment unless switched on.</summary>
[Collection(PublishedPlatformCollection.Name)]
public sealed class MessageContentCaptureTests(PublishedPlatform platform)
{
    public static TheoryData<string> Environments => [.. PublishedPlatform.Environments];

    [Theory]
    [MemberData(nameof(Environments))]
    public void Services_that_call_models_record_no_message_content_on_their_spans(string environment)
    {
        var rendered = platform.Rendered[environment];

        foreach (var service in new[] { "agents", "models" })
        {
            var settings = rendered.Single<V1ConfigMap>($"{service}-settings").Data;
            Assert.Equal("false", settings["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"]);
        }
    }
}
