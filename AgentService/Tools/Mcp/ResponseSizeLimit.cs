namespace Platform.AgentService.Tools.Mcp;

/// <summary>
/// Fails a response from an MCP server once its body passes a byte limit, whether it is one JSON reply or an event
/// stream, so a hostile or broken server cannot make the service buffer without bound.
/// </summary>
public sealed class ResponseSizeLimit(long maxBytes) : DelegatingHandler
{
    private int _exceeded;

    /// <summary>
    /// How many responses passed the limit so far; the MCP transport reports such a cut stream only as an ended one,
    /// so a caller compares this before and after a request to say why it failed.
    /// </summary>
    public int Exceeded => Volatile.Read(ref _exceeded);

    public string Reason => $"the server's response is larger than {maxBytes} bytes";

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            response.Dispose();
            Interlocked.Increment(ref _exceeded);
            throw new HttpRequestException(Reason);
        }

        var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var limited = new StreamContent(new LimitedStream(body, maxBytes, () => Interlocked.Increment(ref _exceeded)));
        foreach (var header in response.Content.Headers)
        {
            limited.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        response.Content = limited;
        return response;
    }

    private sealed class LimitedStream(Stream inner, long maxBytes, Action onExceeded) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > maxBytes)
            {
                onExceeded();
                throw new IOException($"The MCP server's response is larger than {maxBytes} bytes.");
            }

            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
