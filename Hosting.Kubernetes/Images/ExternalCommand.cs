using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Platform.Hosting.Kubernetes.Images;

/// <summary>Runs a tool the images are made with, logs its output as progress, and names the image when it fails.</summary>
public sealed class ExternalCommand(ILogger logger)
{
    public async Task<string> RunAsync(
        string image, string fileName, IEnumerable<string> arguments, CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new ImagePushException($"{image}: {fileName} did not start.");
        }
        catch (System.ComponentModel.Win32Exception error)
        {
            throw new ImagePushException($"{image}: cannot run '{fileName}' ({error.Message}); see docs/deploy.md for the tools the images need.", error);
        }

        using (process)
        {
            var tail = new Queue<string>();
            var output = new System.Text.StringBuilder();
            void Line(string? line, bool isError)
            {
                if (line is null)
                {
                    return;
                }

                lock (tail)
                {
                    if (!isError)
                    {
                        output.AppendLine(line);
                    }

                    tail.Enqueue(line);
                    if (tail.Count > 20)
                    {
                        tail.Dequeue();
                    }
                }

                logger.LogDebug("{Image}: {Line}", image, line);
            }

            process.OutputDataReceived += (_, e) => Line(e.Data, false);
            process.ErrorDataReceived += (_, e) => Line(e.Data, true);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            if (process.ExitCode != 0)
            {
                throw new ImagePushException(
                    $"{image}: {Path.GetFileName(fileName)} exited with {process.ExitCode}:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}");
            }

            return output.ToString();
        }
    }
}
