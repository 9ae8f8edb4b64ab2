namespace Platform.Deploy.Tests.Support;

public sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("platform-deploy-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
