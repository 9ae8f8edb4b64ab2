using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Platform.Recovery.Tests.Support;

/// <summary>
/// The three services, built in this test's configuration, each run as its own process against one Redis: models
/// (the real ONNX embedding model, chat forwarded to a scripted OpenAI-protocol server), agents and the gateway with
/// an API key for the drill. Requests go through the gateway only.
/// </summary>
public sealed class PlatformProcesses : IAsyncDisposable
{
    public const string ApiKey = "drill-key-not-a-secret";
    public const string ChatModel = "scripted-model";

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private readonly List<ChildProcess> processes = [];

    private PlatformProcesses(ScriptedLlmServer llm) => Llm = llm;

    public ScriptedLlmServer Llm { get; }

    public Uri GatewayAddress { get; private set; } = null!;

    public static async Task<PlatformProcesses> StartAsync(string redisConnectionString)
    {
        var llm = await ScriptedLlmServer.StartAsync();
        llm.WhenQueueEmpty = Answer;
        var platform = new PlatformProcesses(llm);
        try
        {
            var models = platform.StartService("ModelService", redisConnectionString, new()
            {
                ["ConnectionStrings__llm"] = $"Endpoint={llm.BaseUrl};Key=drill-key;Model={ChatModel}",
            });
            var agents = platform.StartService("AgentService", redisConnectionString, new()
            {
                ["Models__BaseUrl"] = $"{models.Address}v1",
            });
            await Task.WhenAll(WaitReadyAsync(models), WaitReadyAsync(agents));

            var gateway = platform.StartService("Gateway", redisConnectionString, new()
            {
                ["ReverseProxy__Clusters__models__Destinations__models__Address"] = models.Address.ToString(),
                ["ReverseProxy__Clusters__agents__Destinations__agents__Address"] = agents.Address.ToString(),
                ["Authentication__ApiKeys__drill__Sha256"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ApiKey))),
                ["Authentication__ApiKeys__drill__Scopes__0"] = "models",
                ["Authentication__ApiKeys__drill__Scopes__1"] = "agents",
            });
            await WaitReadyAsync(gateway);
            platform.GatewayAddress = gateway.Address;
            return platform;
        }
        catch
        {
            await platform.DisposeAsync();
            throw;
        }
    }

    public HttpClient CreateClient() => new()
    {
        BaseAddress = GatewayAddress,
        Timeout = TimeSpan.FromMinutes(2),
        DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", ApiKey) },
    };

    /// <summary>The scripted model: asks for the current time when it may, then answers with a fixed text.</summary>
    private static ScriptedReply Answer(ScriptedRequest request)
    {
        var last = request.Messages.LastOrDefault();
        var offersClock = request.Body["tools"]?.AsArray().Any(tool => tool?["function"]?["name"]?.GetValue<string>() == "current_time") == true;
        return last?["role"]?.GetValue<string>() == "tool" || !offersClock
            ? ScriptedReply.Say("Answer number " + request.Messages.Count.ToString(CultureInfo.InvariantCulture))
            : ScriptedReply.Call("current_time", "{}");
    }

    private ChildProcess StartService(string project, string redisConnectionString, Dictionary<string, string> settings)
    {
        var assembly = RepositoryRoot.Combine(project, "bin", Configuration, "net10.0", $"{project}.dll");
        Assert.True(File.Exists(assembly), $"{assembly} is missing: build the test project (it builds the services).");
        var port = FreePort.Next();
        settings["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        settings["ASPNETCORE_ENVIRONMENT"] = "Production";
        settings["Logging__LogLevel__Default"] = "Warning";
        settings["ConnectionStrings__redis"] = redisConnectionString;
        // The services sign and verify the identity they pass on with one shared key (ADR 0035).
        settings[SignedCaller.KeyVariable] = SignedCaller.Key;
        var process = ChildProcess.Start("dotnet", [assembly], port, settings, Path.GetDirectoryName(assembly));
        processes.Add(process);
        return process;
    }

    /// <summary>A generous bound: on a shared 2-core machine three services loading at once (the ONNX model among them) are slow.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private static async Task WaitReadyAsync(ChildProcess process)
    {
        using var http = new HttpClient { BaseAddress = process.Address, Timeout = TimeSpan.FromSeconds(10) };
        await process.WaitUntilAsync(async () => (await http.GetAsync("/health/ready")).IsSuccessStatusCode, StartTimeout);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in Enumerable.Reverse(processes))
        {
            await process.DisposeAsync();
        }

        await Llm.DisposeAsync();
    }
}
