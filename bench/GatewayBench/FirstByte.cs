using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Platform.Bench.Gateway;

/// <summary>
/// Time to first byte of a stream, sampled one request at a time with nothing else running: how long a client
/// waits for the first chunk through each path. Printed as median and 90th percentile.
/// </summary>
public static class FirstByte
{
    public static async Task<(double P50Ms, double P90Ms)> SampleAsync(Target target, Workload workload, string key, int samples)
    {
        using var http = new HttpClient();
        var body = Encoding.UTF8.GetBytes("""{"model":"scripted-model","stream":true,"messages":[{"role":"user","content":"Hi"}]}""");
        var times = new List<double>(samples);
        for (var i = 0; i < samples + 5; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, target.UrlOf(workload)) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            await using var stream = await response.Content.ReadAsStreamAsync();
            var first = new byte[1];
            _ = await stream.ReadAsync(first);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            await stream.CopyToAsync(Stream.Null);
            if (i >= 5)
            {
                times.Add(elapsed);
            }
        }

        times.Sort();
        return (times[times.Count / 2], times[(int)(times.Count * 0.9)]);
    }
}
