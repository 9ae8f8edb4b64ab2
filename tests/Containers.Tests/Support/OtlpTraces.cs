namespace Platform.Containers.Tests.Support;

/// <summary>
/// Reads the fields the tests need from an OTLP <c>ExportTraceServiceRequest</c> in protobuf wire format:
/// resource_spans(1) { resource(1) { attributes(1) { key(1), value(2) { string_value(1) } } },
/// scope_spans(2) { spans(2) { trace_id(1), name(5) } } }.
/// </summary>
public static class OtlpTraces
{
    public static List<(string Service, string TraceId, string Name)> Read(ReadOnlySpan<byte> request)
    {
        var spans = new List<(string, string, string)>();
        foreach (var (field, resourceSpans) in Fields(request.ToArray()))
        {
            if (field != 1)
            {
                continue;
            }

            var service = "";
            var found = new List<(string TraceId, string Name)>();
            foreach (var (part, value) in Fields(resourceSpans))
            {
                if (part == 1)
                {
                    service = ServiceName(value) ?? service;
                }
                else if (part == 2)
                {
                    found.AddRange(Fields(value).Where(scope => scope.Field == 2).Select(scope => Span(scope.Value)));
                }
            }

            spans.AddRange(found.Select(span => (service, span.TraceId, span.Name)));
        }

        return spans;
    }

    private static string? ServiceName(byte[] resource)
    {
        foreach (var (field, attribute) in Fields(resource))
        {
            if (field != 1)
            {
                continue;
            }

            var parts = Fields(attribute).ToList();
            var key = parts.Where(p => p.Field == 1).Select(p => System.Text.Encoding.UTF8.GetString(p.Value)).FirstOrDefault();
            if (key == "service.name")
            {
                var value = parts.First(p => p.Field == 2).Value;
                return System.Text.Encoding.UTF8.GetString(Fields(value).First(p => p.Field == 1).Value);
            }
        }

        return null;
    }

    private static (string TraceId, string Name) Span(byte[] span)
    {
        var fields = Fields(span).ToList();
        return (Convert.ToHexStringLower(fields.First(f => f.Field == 1).Value),
            System.Text.Encoding.UTF8.GetString(fields.FirstOrDefault(f => f.Field == 5).Value ?? []));
    }

    /// <summary>The length-delimited fields of a message; varint and fixed-width fields are skipped.</summary>
    private static IEnumerable<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var tag = Varint(message, ref position);
            var field = (int)(tag >> 3);
            switch (tag & 7)
            {
                case 0: Varint(message, ref position); break;
                case 1: position += 8; break;
                case 5: position += 4; break;
                case 2:
                    var length = (int)Varint(message, ref position);
                    yield return (field, message[position..(position + length)]);
                    position += length;
                    break;
                default: throw new FormatException($"Unsupported protobuf wire type {tag & 7}");
            }
        }
    }

    private static ulong Varint(byte[] message, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = message[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
    }
}
