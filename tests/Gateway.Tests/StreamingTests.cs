using Platform.Gateway.Tests.Support;

namespace Platform.Gateway.Tests;

public sealed class StreamingTests : GatewayTestBase
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task First_sse_chunk_reaches_the_client_before_the_upstream_finishes()
    {
        var gateway = StartGateway();

        using var stream = await Sse.StartAsync(gateway, TestClient.Full);
        var first = await stream.ReadEventAsync();

        // The backend is still holding the rest of its stream behind the gate: nothing was buffered.
        Assert.Equal("{\"chunk\":1}", first);
        Assert.False(Models.StreamFinished.Task.IsCompleted);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        Models.Gate.TrySetResult();
        Assert.Equal("{\"chunk\":2}", await stream.ReadEventAsync());
        Assert.Equal("[DONE]", await stream.ReadEventAsync());
        await Models.StreamFinished.Task.WaitAsync(Patience);
    }

    [Fact]
    public async Task Client_disconnect_cancels_the_backend_stream()
    {
        var gateway = StartGateway();

        var stream = await Sse.StartAsync(gateway, TestClient.Full);
        await stream.ReadEventAsync();
        stream.Dispose();

        await Models.StreamAborted.Task.WaitAsync(Patience);
        Assert.False(Models.StreamFinished.Task.IsCompleted);
    }
}
