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
            // One settings map per service, or one per colour in a blue-green environment.
            var maps = rendered.All<V1ConfigMap>()
                .Where(map => map.Metadata.Name.StartsWith(service, StringComparison.Ordinal) && map.Metadata.Name.EndsWith("-settings", StringComparison.Ordinal))
                .ToList();
            Assert.NotEmpty(maps);
            Assert.All(maps, map => Assert.Equal("false", map.Data["OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT"]));
        }
    }
}
