namespace Platform.Hosting.Kubernetes.Images;

/// <summary>An image in the registry: its repository reference, the unique tag it was pushed under and its digest.</summary>
public sealed record PushedImage(string Name, string Repository, string Tag, string Digest, bool Signed)
{
    public string Tagged => $"{Repository}:{Tag}";

    public string Pinned => $"{Repository}@{Digest}";
}
