namespace Platform.AppHost.Kubernetes.Output;

/// <summary>A <c>kustomization.yaml</c>, typed so that it is serialized like the Kubernetes objects beside it.</summary>
public sealed class Kustomization
{
    public string ApiVersion { get; set; } = "kustomize.config.k8s.io/v1beta1";
    public string Kind { get; set; } = "Kustomization";
    public string? Namespace { get; set; }
    public List<string>? Resources { get; set; }
    public List<KustomizeLabels>? Labels { get; set; }
    public List<KustomizeImage>? Images { get; set; }
    public List<KustomizePatch>? Patches { get; set; }
    public List<KustomizeSecretGenerator>? SecretGenerator { get; set; }
}

public sealed class KustomizeLabels
{
    public SortedDictionary<string, string> Pairs { get; set; } = new(StringComparer.Ordinal);
    public bool IncludeSelectors { get; set; }
    public bool IncludeTemplates { get; set; }
}

public sealed class KustomizeImage
{
    public string Name { get; set; } = "";
    public string? NewTag { get; set; }
}

public sealed class KustomizePatch
{
    public string Path { get; set; } = "";
}

/// <summary>A Secret kustomize builds from a git-ignored env file; the publisher writes only its <c>.example</c>.</summary>
public sealed class KustomizeSecretGenerator
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "Opaque";
    public List<string> Envs { get; set; } = [];
}
