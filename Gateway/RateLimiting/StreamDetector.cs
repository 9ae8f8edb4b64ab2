using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Platform.Gateway.RateLimiting;

/// <summary>
/// Which requests count against the concurrent-stream limit, on every route: those asking for
/// <c>text/event-stream</c>, those with <c>?stream=true</c>, those on a path that always streams (run events), and
/// those whose body has a top-level <c>"stream": true</c> in any content type. Only a bounded prefix of the body is
/// read (<see cref="StreamDetectionOptions.InspectedBodyBytes"/>), into memory; a body that does not settle the flag
/// within it counts as a stream, so padding cannot hide the flag.
/// </summary>
public sealed class StreamDetector(IOptions<StreamDetectionOptions> options)
{
    private readonly StreamDetectionOptions _options = options.Value;

    public async Task<bool> IsStreamAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Headers.Accept.Any(value => value?.Contains("text/event-stream", StringComparison.OrdinalIgnoreCase) == true)
            || request.Query["stream"].Any(value => string.Equals(value, "true", StringComparison.OrdinalIgnoreCase))
            || _options.StreamingPathSuffixes.Any(suffix => request.Path.Value?.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) == true))
        {
            return true;
        }

        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false } || request.ContentLength == 0)
        {
            return false;
        }

        return await InspectBodyAsync(context) != StreamFlag.NotStream;
    }

    /// <summary>Reads up to the inspected prefix, then puts it back in front of the rest of the body.</summary>
    private async Task<StreamFlag> InspectBodyAsync(HttpContext context)
    {
        var request = context.Request;
        var size = (int)Math.Min(_options.InspectedBodyBytes, request.ContentLength ?? long.MaxValue);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        var length = 0;
        var ended = false;
        try
        {
            while (length < size)
            {
                var read = await request.Body.ReadAsync(buffer.AsMemory(length, size - length), context.RequestAborted);
                if (read == 0)
                {
                    ended = true;
                    break;
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }

        var prefixed = new PrefixedBodyStream(buffer, length, request.Body);
        context.Response.RegisterForDispose(prefixed);
        request.Body = prefixed;
        return BodyStreamFlag.Read(buffer.AsSpan(0, length), ended || length == request.ContentLength);
    }
}
