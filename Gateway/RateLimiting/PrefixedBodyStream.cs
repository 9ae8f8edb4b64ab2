using System.Buffers;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// A request body whose first bytes were already read (to inspect them): replays them from a pooled buffer, then
/// reads the rest from the connection as it arrives. Nothing beyond the prefix is held, in memory or on disk.
/// </summary>
public sealed class PrefixedBodyStream(byte[] rented, int length, Stream rest) : Stream
{
    private int _position;
    private bool _returned;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (TryReplay(buffer, out var copied))
        {
            return copied;
        }

        return rest.Read(buffer);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        TryReplay(buffer.Span, out var copied) ? copied : await rest.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private bool TryReplay(Span<byte> destination, out int copied)
    {
        copied = 0;
        if (_position >= length || destination.IsEmpty)
        {
            ReturnBuffer();
            return false;
        }

        copied = Math.Min(destination.Length, length - _position);
        rented.AsSpan(_position, copied).CopyTo(destination);
        _position += copied;
        return true;
    }

    private void ReturnBuffer()
    {
        if (!_returned && _position >= length)
        {
            _returned = true;
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_returned)
        {
            _returned = true;
            ArrayPool<byte>.Shared.Return(rented);
        }

        base.Dispose(disposing);
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
