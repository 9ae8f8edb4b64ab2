namespace Platform.AgentService.Tools;

/// <summary>
/// Which redirects a tool follows: the same scheme and port, or the upgrade from http on its default port to https on
/// its default port. A downgrade to http, or a move to another port, is refused even to an allowed host: it would let
/// a public page send the tool to a plaintext or internal-only service on the same host.
/// </summary>
public static class RedirectRule
{
    /// <summary>Null when <paramref name="to"/> may be followed from <paramref name="from"/>, else why not.</summary>
    public static string? Refuse(Uri from, Uri to)
    {
        if (from.Scheme == Uri.UriSchemeHttps && to.Scheme != Uri.UriSchemeHttps)
        {
            return $"redirect from https to {to.Scheme} (a downgrade)";
        }

        var upgrade = from.Scheme == Uri.UriSchemeHttp && to.Scheme == Uri.UriSchemeHttps;
        if (upgrade ? !(from.IsDefaultPort && to.IsDefaultPort) : from.Port != to.Port)
        {
            return $"redirect from port {from.Port} to port {to.Port}";
        }

        return null;
    }
}
