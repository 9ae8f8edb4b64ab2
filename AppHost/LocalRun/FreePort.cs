using System.Net;
using System.Net.Sockets;

namespace Platform.AppHost.LocalRun;

/// <summary>A loopback TCP port the operating system just handed out and nobody holds.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
