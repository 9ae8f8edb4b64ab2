using System.Text.Json.Nodes;

namespace Platform.Drills.Tests.Support;

/// <summary>
/// The replicas a gateway process sends to, in a configuration file of its own content root that it reloads on
/// change: the drill's stand-in for the headless <c>{name}-pods</c> DNS answers, from which a terminating or dead pod
/// drops out. The first replica of a cluster takes the configured destination's name, replacing its address.
/// </summary>
public sealed class GatewayDestinations : IDisposable
{
    private readonly string _file;

    public GatewayDestinations()
    {
        ContentRoot = Directory.CreateTempSubdirectory("drill-gateway-").FullName;
        File.Copy(Path.Combine(ServiceBinary.Gateway.Directory, "appsettings.json"), Path.Combine(ContentRoot, "appsettings.json"));
        _file = Path.Combine(ContentRoot, "appsettings.Production.json");
    }

    public string ContentRoot { get; }

    public void Set(IEnumerable<Uri> agents, IEnumerable<Uri> models)
    {
        static JsonObject Cluster(string name, IEnumerable<Uri> replicas) => new()
        {
            ["Destinations"] = new JsonObject(replicas.Select((replica, index) =>
                KeyValuePair.Create(index == 0 ? name : $"{name}-{index + 1}", (JsonNode?)new JsonObject { ["Address"] = replica.ToString() }))),
        };

        var settings = new JsonObject
        {
            ["ReverseProxy"] = new JsonObject
            {
                ["Clusters"] = new JsonObject { ["agents"] = Cluster("agents", agents), ["models"] = Cluster("models", models) },
            },
        };

        // Written beside, then moved over the file: the gateway never reads half a file.
        var next = _file + ".next";
        File.WriteAllText(next, settings.ToJsonString());
        File.Move(next, _file, overwrite: true);
    }

    public void Dispose() => Directory.Delete(ContentRoot, recursive: true);
}
