using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Platform.TestSupport;

/// <summary>A process a benchmark started (redis-server, nginx, a service); stopped by its own PID (SIGTERM, then SIGKILL) when disposed.</summary>
public sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ChildProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>A scratch directory (generated config, temp files) removed once the process has stopped.</summary>
    public string? ScratchDirectory { get; init; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    public static ChildProcess Start(string fileName, IEnumerable<string> arguments, int port, IDictionary<string, string>? environment = null, string? workingDirectory = null, string? scratchDirectory = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"{fileName} did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, line) =>
        {
            if (!string.IsNullOrWhiteSpace(line.Data))
            {
                Console.Error.WriteLine($"[{System.IO.Path.GetFileName(fileName)}] {line.Data}");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ChildProcess(process, port) { ScratchDirectory = scratchDirectory };
    }

    public static async Task<ChildProcess> StartRedisAsync()
    {
        var port = FreePort.Next();
        var redis = Start("redis-server", ["--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], port);
        await redis.WaitUntilAsync(async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        });
        return redis;
    }

    /// <summary>Polls until the check passes; on failure (exit, or <paramref name="within"/>, 60 s, go by) stops the process and throws.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> ready, TimeSpan? within = null)
    {
        try
        {
            await PollAsync(ready, within ?? TimeSpan.FromSeconds(60));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    private async Task PollAsync(Func<Task<bool>> ready, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{_process.StartInfo.FileName} exited with {_process.ExitCode} before it was ready.");
            }

            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is SocketException or HttpRequestException or IOException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{_process.StartInfo.FileName} was not ready within {within.TotalSeconds:F0} s.");
    }

    /// <summary>CPU time (user + system) the process used so far, from <c>/proc</c> (clock ticks of 1/100 s).</summary>
    public TimeSpan CpuTime()
    {
        var stat = File.ReadAllText($"/proc/{ProcessId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return TimeSpan.FromSeconds((long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0);
    }

    private bool _disposed;

    /// <summary>Stops the process; a second call (the owner after a failed start already disposed it) does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            // SIGTERM lets nginx's master stop its workers; a process still running after 10 s is killed.
            using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await signal.WaitForExitAsync();
            }

            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        if (ScratchDirectory is not null && Directory.Exists(ScratchDirectory))
        {
            Directory.Delete(ScratchDirectory, recursive: true);
        }
    }
}
