using k8s.Models;
namespace Platform.Hosting.Kubernetes.Output;

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

    /// <summary>Transformer configurations: where custom resources name other objects (see TriggerAuthenticationNames).</summary>
    public List<string>? Configurations { get; set; }
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
    public string? NewName { get; set; }
    public string? NewTag { get; set; }
    public string? Digest { get; set; }
}

public sealed class KustomizePatch
{
    public string Path { get; set; } = "";

    /// <summary>Set for JSON 6902 patches, which do not name their object themselves.</summary>
    public KustomizeTarget? Target { get; set; }
}

public sealed class KustomizeTarget
{
    public string Kind { get; set; } = "";
    public string Name { get; set; } = "";
}

/// <summary>One JSON 6902 operation; a patch file is a list of them.</summary>
public sealed class JsonPatchOperation
{
    public string Op { get; set; } = "replace";
    public string Path { get; set; } = "";
    public object? Value { get; set; }
}

/// <summary>A strategic-merge patch that removes an object of the base from one overlay.</summary>
public sealed class DeletePatch
{
    public string ApiVersion { get; set; } = "";
    public string Kind { get; set; } = "";
    public V1ObjectMeta Metadata { get; set; } = new();

    [YamlDotNet.Serialization.YamlMember(Alias = "$patch")]
    public string Patch { get; set; } = "delete";
}

/// <summary>A Secret kustomize builds from a git-ignored env file; the publisher writes only its <c>.example</c>.</summary>
public sealed class KustomizeSecretGenerator
{
    public string Name { get; set; } = "";
    public string Type { get; set; } = "Opaque";
    public List<string> Envs { get; set; } = [];
}
