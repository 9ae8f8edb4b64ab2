using System.ComponentModel.DataAnnotations;

namespace Platform.Hosting.Kubernetes;

/// <summary>Checks the options as a whole before anything is written.</summary>
public static class KubernetesPublisherOptionsValidation
{
    /// <summary>Stops a publish whose options would produce manifests the policy tests reject.</summary>
    public static void Validate(this KubernetesPublisherOptions options)
    {
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        if (options.Environments.Count == 0)
        {
            throw new ValidationException("Kubernetes:Environments needs at least one environment.");
        }

        foreach (var nested in new object[] { options.Edge, options.Autoscaling, options.Drain, options.Redis, options.Backup, options.Backup.Sizing, options.Backup.RestoreSizing })
        {
            Validator.ValidateObject(nested, new ValidationContext(nested), validateAllProperties: true);
        }

        foreach (var (name, profile) in options.Environments)
        {
            Validator.ValidateObject(profile, new ValidationContext(profile), validateAllProperties: true);
            foreach (var external in profile.ExternalServices.Values)
            {
                Validator.ValidateObject(external, new ValidationContext(external), validateAllProperties: true);
            }

            if (profile.ExternalSecrets is { } externalSecrets)
            {
                Validator.ValidateObject(externalSecrets, new ValidationContext(externalSecrets), validateAllProperties: true);
            }

            if (name != "dev" && profile.ImageTag is "latest")
            {
                throw new ValidationException($"Kubernetes:Environments:{name}:ImageTag is 'latest'; only dev may float, give a version tag.");
            }

            if (profile.RequireZoneSpread && !profile.SpreadAcrossZones)
            {
                throw new ValidationException($"Kubernetes:Environments:{name}: RequireZoneSpread needs SpreadAcrossZones.");
            }

            if (profile.MaxReplicas < profile.MinReplicas)
            {
                throw new ValidationException($"Kubernetes:Environments:{name}: MaxReplicas is below MinReplicas.");
            }
        }
    }
}
