namespace Platform.Hosting.Kubernetes.Manifests.Autoscaling;

/// <summary>
/// A kustomize transformer configuration (listed under <c>configurations:</c>) that teaches kustomize where a
/// TriggerAuthentication names a Secret. Kustomize knows only the built-in kinds' references: without it, a Secret
/// generated with a content-hash suffix (<c>redis-connection-string-9c54h2556k</c>) is renamed in the pods'
/// <c>secretKeyRef</c>s but not in KEDA's <c>secretTargetRef</c>, which would name a Secret that does not exist.
/// </summary>
public sealed class TriggerAuthenticationNames
{
    public const string FileName = "kustomizeconfig/keda-secret-names.yaml";

    public List<NameReference> NameReference { get; set; } =
    [
        new NameReference
        {
            Kind = "Secret",
            Version = "v1",
            FieldSpecs = [new FieldSpec { Group = "keda.sh", Kind = TriggerAuthentication.KubeKind, Path = "spec/secretTargetRef/name" }],
        },
    ];
}

public sealed class NameReference
{
    public string Kind { get; set; } = "";
    public string Version { get; set; } = "";
    public List<FieldSpec> FieldSpecs { get; set; } = [];
}

public sealed class FieldSpec
{
    public string Group { get; set; } = "";
    public string Kind { get; set; } = "";
    public string Path { get; set; } = "";
}
