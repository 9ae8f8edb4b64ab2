using System.Net;
using System.Text.RegularExpressions;

namespace Platform.Hosting.Kubernetes.Images;

/// <summary>
/// Where images are pushed: <c>host[:port][/prefix]</c>, as given in the AppHost parameter <c>registry</c>.
/// Only a loopback registry is spoken to without TLS.
/// </summary>
public sealed partial record ImageRegistry(string Host, string Prefix)
{
    public const string ParameterName = "registry";

    public static ImageRegistry Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ImagePushException($"The AppHost parameter '{ParameterName}' is not set: give Parameters__{ParameterName}=host:port[/prefix].");
        }

        var match = Pattern().Match(value.Trim());
        if (!match.Success)
        {
            throw new ImagePushException($"The registry '{value}' is not host[:port][/prefix] (lower case, for example 127.0.0.1:5000/platform).");
        }

        return new ImageRegistry(match.Groups["host"].Value, match.Groups["prefix"].Value);
    }

    public bool IsLoopback
    {
        get
        {
            var name = Host.Split(':')[0];
            if (Host.StartsWith('['))
            {
                name = Host[1..Host.IndexOf(']', StringComparison.Ordinal)];
            }

            return name == "localhost" || (IPAddress.TryParse(name, out var address) && IPAddress.IsLoopback(address));
        }
    }

    public string Repository(string image) => Prefix.Length == 0 ? image : $"{Prefix}/{image}";

    public string Reference(string image) => $"{Host}/{Repository(image)}";

    public Uri ApiRoot => new($"{(IsLoopback ? "http" : "https")}://{Host}/v2/");

    public override string ToString() => Prefix.Length == 0 ? Host : $"{Host}/{Prefix}";

    [GeneratedRegex(@"^(?<host>(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:]+\])(?::\d{1,5})?)(?:/(?<prefix>[a-z0-9]+(?:[._/-][a-z0-9]+)*))?$")]
    private static partial Regex Pattern();
}
