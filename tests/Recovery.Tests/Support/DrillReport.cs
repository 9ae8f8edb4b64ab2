using Xunit.Abstractions;
using Xunit.Sdk;

namespace Platform.Recovery.Tests.Support;

/// <summary>Prints a drill's figures as an xunit diagnostic message, which <c>dotnet test</c> shows at its default verbosity.</summary>
public sealed class DrillReport(IMessageSink diagnostics)
{
    public void Print(string figures) => diagnostics.OnMessage(new DiagnosticMessage(figures));
}
