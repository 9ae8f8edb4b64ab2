using System.Runtime.CompilerServices;

namespace Platform.Gateway.Tests.Support;

/// <summary>
/// ASP.NET Core writes buffered request bodies to <c>ASPNETCORE_TEMP</c> (else the system temp directory), read once
/// per process. This test process gets a directory of its own, so a test can watch what the gateway spools.
/// </summary>
public static class PrivateTempDirectory
{
    public static string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"gateway-tests-{Environment.ProcessId}");

    [ModuleInitializer]
    internal static void Use()
    {
        Directory.CreateDirectory(Path);
        Environment.SetEnvironmentVariable("ASPNETCORE_TEMP", Path);
    }

    public static long BytesInFiles() => new DirectoryInfo(Path).EnumerateFiles("*", SearchOption.AllDirectories).Sum(file => file.Length);
}
