using System.Net;
using System.Security.Cryptography;
using System.Text;
using Platform.Gateway.Tests.Support;
using Platform.TestSupport;

namespace Platform.Gateway.Tests;

/// <summary>
/// A body read to find its stream flag is held in memory up to a bound and never spooled to disk: a slow, large
/// upload is forwarded as it arrives, and the gateway's temp directory stays empty while it trickles in.
/// </summary>
public sealed class BodyBufferingTests : GatewayTestBase
{
    private const int Chunk = 64 * 1024;

    [Fact]
    public async Task A_slow_large_upload_is_forwarded_as_it_arrives_without_temp_files()
    {
        var gateway = StartGateway(Settings().With("StreamDetection:InspectedBodyBytes", 16 * 1024));
        var body = Encoding.UTF8.GetBytes($$"""{"text":"{{Convert.ToBase64String(RandomNumberGenerator.GetBytes(6 * 1024 * 1024))}}"}""");
        var halfway = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var resume = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var content = new TricklingContent(body, halfway, resume);
        var before = PrivateTempDirectory.BytesInFiles();

        var upload = gateway.SendAsync(TestClient.Full, HttpMethod.Post, "/v1/knowledge/c1/documents", content);
        await halfway.Task.WaitAsync(TimeSpan.FromSeconds(60));
        // Half the body is sent and the sender waits: the backend must already be reading it.
        var forwarded = await Eventually.HoldsAsync(() => Task.FromResult(Agents.BodyBytesReceived >= body.Length / 4), TimeSpan.FromSeconds(30));
        var receivedWhilePaused = Agents.BodyBytesReceived;
        var spooled = PrivateTempDirectory.BytesInFiles() - before;
        resume.SetResult();
        using var response = await upload;

        Assert.Equal(0, spooled);
        Assert.True(forwarded, $"The backend had {receivedWhilePaused} of {body.Length} bytes while the upload was paused halfway.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await EchoReply.ReadAsync(response);
        Assert.Equal(body.Length, echo.BodyBytes);
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(body)), echo.BodySha256);
        Assert.Equal(0, PrivateTempDirectory.BytesInFiles() - before);
    }

    /// <summary>Sends the body in 64 KiB chunks and stops halfway until the test lets it go on.</summary>
    private sealed class TricklingContent(byte[] body, TaskCompletionSource halfway, TaskCompletionSource resume) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += Chunk)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(Chunk, body.Length - offset)));
                await stream.FlushAsync();
                if (offset < body.Length / 2 && offset + Chunk >= body.Length / 2)
                {
                    halfway.SetResult();
                    await resume.Task;
                }
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = body.Length;
            return true;
        }
    }
}
