using System.Diagnostics;
using System.Globalization;
using Platform.TestSupport;

namespace Platform.Drills.Tests.Support;

/// <summary>
/// One service (gateway, agents, models) as its own <c>dotnet</c> process on a loopback port, from its build output,
/// configured through environment variables as in a container. It is stopped by signals, as the kubelet stops a pod:
/// SIGTERM for a planned stop (the host's graceful shutdown), SIGKILL for a crash.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServiceProcess(string name, Process process, int port)
    {
        Name = name;
        _process = process;
        Address = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Name { get; }

    public Uri Address { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts the project's built program and waits until <c>/health/ready</c> answers 200.</summary>
    public static async Task<ServiceProcess> StartAsync(string name, ServiceBinary binary, IReadOnlyDictionary<string, string> settings, string? contentRoot = null)
    {
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = binary.Directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(binary.Assembly);
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        // The services sign and verify the identity they pass on with one shared key (ADR 0035).
        info.Environment[SignedCaller.KeyVariable] = SignedCaller.Key;
        info.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Warning";
        // Readiness probes fail while a model loads; that is expected, not news.
        info.Environment["Logging__LogLevel__Microsoft.Extensions.Diagnostics.HealthChecks"] = "None";
        if (contentRoot is not null)
        {
            info.Environment["ASPNETCORE_CONTENTROOT"] = contentRoot;
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{name} did not start.");
        // Logging is at Warning: what a service prints is worth seeing next to the drill's figures.
        process.OutputDataReceived += (_, line) =>
        {
            if (!string.IsNullOrWhiteSpace(line.Data))
            {
                Console.Error.WriteLine($"[{name}] {line.Data}");
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrWhiteSpace(line.Data))
            {
                Console.Error.WriteLine($"[{name}] {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var service = new ServiceProcess(name, process, port);
        await service.WaitReadyAsync(TimeSpan.FromMinutes(2));
        return service;
    }

    public async Task<bool> IsReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!await IsReadyAsync())
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was ready.");
            }

            if (deadline.Elapsed > timeout)
            {
                await DisposeAsync();
                throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:F0} s.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGTERM and wait for the graceful shutdown to end (bounded).</summary>
    public async Task TerminateAsync(TimeSpan patience)
    {
        await SignalAsync("TERM");
        using var timeout = new CancellationTokenSource(patience);
        await _process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>SIGKILL: the process ends at once, holding whatever it held.</summary>
    public async Task KillAsync()
    {
        await SignalAsync("KILL");
        await _process.WaitForExitAsync();
    }

    private async Task SignalAsync(string signal)
    {
        if (_process.HasExited)
        {
            return;
        }

        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await SignalAsync("TERM");
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                await KillAsync();
            }
        }

        _process.Dispose();
    }
}
