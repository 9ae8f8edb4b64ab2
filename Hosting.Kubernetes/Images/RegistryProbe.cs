namespace Platform.Hosting.Kubernetes.Images;

/// <summary>Asks the registry's API root before anything is built, so an unreachable registry stops the step at once.</summary>
public static class RegistryProbe
{
    public static async Task EnsureReachableAsync(ImageRegistry registry, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            // 200, or 401 from a registry that wants a login, both mean a registry answers there.
            using var response = await client.GetAsync(registry.ApiRoot, cancellationToken);
            if (response.StatusCode is not (System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.Unauthorized))
            {
                throw new ImagePushException($"The registry {registry} answered {(int)response.StatusCode} at {registry.ApiRoot}: not an OCI registry.");
            }
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
        {
            throw new ImagePushException($"The registry {registry} is unreachable at {registry.ApiRoot}: {error.Message}", error);
        }
    }
}
