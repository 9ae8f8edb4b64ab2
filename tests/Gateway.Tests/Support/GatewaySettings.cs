using System.Globalization;
using Platform.TestSupport;

namespace Platform.Gateway.Tests.Support;

/// <summary>Configuration for a test gateway: backends by explicit address, known clients, limits.</summary>
public sealed class GatewaySettings
{
    private readonly Dictionary<string, string?> _values = new()
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["ReverseProxy:Clusters:models:HealthCheck:Active:Interval"] = "00:00:01",
        ["ReverseProxy:Clusters:agents:HealthCheck:Active:Interval"] = "00:00:01",
        ["RateLimits:RequestsPerMinute"] = "100000",
        [SignedCaller.KeySetting] = SignedCaller.Key,
    };

    public GatewaySettings(string redisConnectionString)
    {
        _values["ConnectionStrings:redis"] = redisConnectionString;
        WithClients(TestClient.Full, TestClient.ModelsOnly, TestClient.Admin);
    }

    public IReadOnlyDictionary<string, string?> Values => _values;

    public GatewaySettings WithModels(params BackendReplica[] replicas) => WithCluster("models", replicas);

    public GatewaySettings WithAgents(params BackendReplica[] replicas) => WithCluster("agents", replicas);

    public GatewaySettings WithClients(params TestClient[] clients)
    {
        foreach (var client in clients)
        {
            _values[$"Authentication:ApiKeys:{client.ClientId}:Sha256"] = client.Hash;
            for (var i = 0; i < client.Scopes.Length; i++)
            {
                _values[$"Authentication:ApiKeys:{client.ClientId}:Scopes:{i}"] = client.Scopes[i];
            }
        }

        return this;
    }

    public GatewaySettings With(string key, object value)
    {
        _values[key] = Convert.ToString(value, CultureInfo.InvariantCulture);
        return this;
    }

    // The configured destination keeps its name; replicas after the first are added beside it.
    private GatewaySettings WithCluster(string cluster, BackendReplica[] replicas)
    {
        for (var i = 0; i < replicas.Length; i++)
        {
            var name = i == 0 ? cluster : $"{cluster}-{i + 1}";
            _values[$"ReverseProxy:Clusters:{cluster}:Destinations:{name}:Address"] = replicas[i].Address.ToString();
        }

        return this;
    }
}
