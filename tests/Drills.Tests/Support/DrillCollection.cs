using Xunit.Sdk;

namespace Platform.Drills.Tests.Support;

/// <summary>Every drill is in this one collection, so they run one after another, never beside each other.</summary>
[CollectionDefinition(Name)]
public sealed class DrillCollection : ICollectionFixture<DrillFigures>
{
    public const string Name = "drills";
}

/// <summary>Prints a drill's figures on every run (xunit diagnostic messages), not only when it fails.</summary>
public sealed class DrillFigures(IMessageSink sink)
{
    public void Print(string drill, string text)
    {
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            sink.OnMessage(new DiagnosticMessage($"[{drill}] {line}"));
        }
    }
}
