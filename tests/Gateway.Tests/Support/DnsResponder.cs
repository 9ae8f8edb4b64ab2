using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Platform.Gateway.Tests.Support;

/// <summary>
/// A real DNS server on a loopback UDP port, as small as the tests need: it answers A queries for the names it
/// holds with every address it holds for them (a headless Service's answer), AAAA with no records, and anything
/// else with NXDOMAIN. The records can change while it runs, as pods come and go.
/// </summary>
public sealed class DnsResponder : IAsyncDisposable
{
    private readonly UdpClient _socket = new(new IPEndPoint(IPAddress.Loopback, 0));
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, IPAddress[]> _records = new(StringComparer.OrdinalIgnoreCase);
    private readonly Task _serving;
    private int _queries;

    public DnsResponder()
    {
        _serving = ServeAsync();
    }

    public IPEndPoint EndPoint => (IPEndPoint)_socket.Client.LocalEndPoint!;

    public int Queries => Volatile.Read(ref _queries);

    public void Set(string name, params IPAddress[] addresses) => _records[name.TrimEnd('.')] = addresses;

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            UdpReceiveResult request;
            try
            {
                request = await _socket.ReceiveAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _queries);
            if (Answer(request.Buffer) is { } response)
            {
                await _socket.SendAsync(response, request.RemoteEndPoint, _stop.Token);
            }
        }
    }

    private byte[]? Answer(byte[] query)
    {
        if (query.Length < 17)
        {
            return null;
        }

        // Header (12 bytes), then one question: labels, a zero byte, type and class.
        var names = new List<string>();
        var position = 12;
        while (query[position] != 0)
        {
            names.Add(Encoding.ASCII.GetString(query, position + 1, query[position]));
            position += query[position] + 1;
        }

        var questionEnd = position + 5;
        var type = BinaryPrimitives.ReadUInt16BigEndian(query.AsSpan(position + 1));
        var known = _records.TryGetValue(string.Join('.', names), out var addresses);
        var answers = known && type == 1 ? addresses! : [];

        var response = new List<byte>(query[..questionEnd]);
        response[2] = (byte)(0x84 | (query[2] & 0x01)); // response, authoritative, recursion desired echoed
        response[3] = (byte)(known ? 0x00 : 0x03);      // NOERROR or NXDOMAIN
        response[6] = 0;
        response[7] = (byte)answers.Length;
        response[8] = response[9] = response[10] = response[11] = 0;
        foreach (var address in answers)
        {
            // Name as a pointer to the question, type A, class IN, TTL 0 (never cached), 4 bytes of address.
            response.AddRange([0xC0, 0x0C, 0, 1, 0, 1, 0, 0, 0, 0, 0, 4]);
            response.AddRange(address.GetAddressBytes());
        }

        return [.. response];
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _serving;
        _socket.Dispose();
        _stop.Dispose();
    }
}
