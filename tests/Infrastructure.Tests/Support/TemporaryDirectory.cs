namespace Platform.Infrastructure.Tests.Support;

/// <summary>A directory deleted when the test ends.</summary>
public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("platform-infrastructure-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
