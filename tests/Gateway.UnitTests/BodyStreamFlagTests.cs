using System.Text;
using Platform.Gateway.RateLimiting;

namespace Platform.Gateway.UnitTests;

public sealed class BodyStreamFlagTests
{
    [Theory]
    [InlineData("""{"model":"m","stream":true}""")]
    [InlineData("""  {"stream" : true, "model":"m"}""")]
    [InlineData("""{"STREAM":true}""")]
    [InlineData("""{"str\u0065am":true}""")]
    [InlineData("""{"stream":false,"stream":true}""")]
    [InlineData("""{"messages":[{"stream":false}],"options":{"stream":false},"stream":true}""")]
    [InlineData("\uFEFF{\"stream\":true}")]
    public void A_top_level_stream_true_is_a_stream_however_it_is_written(string body)
    {
        Assert.Equal(StreamFlag.Stream, BodyStreamFlag.Read(Encoding.UTF8.GetBytes(body), complete: true));
    }

    [Theory]
    [InlineData("""{"model":"m","stream":false}""")]
    [InlineData("""{"model":"m"}""")]
    [InlineData("""{"messages":[{"stream":true}]}""")]
    [InlineData("""{"stream":"true"}""")]
    [InlineData("""[{"stream":true}]""")]
    [InlineData("--boundary\r\nContent-Disposition: form-data; name=\"stream\"\r\n\r\ntrue")]
    [InlineData("""{"model":"m",,,""")]
    [InlineData("")]
    public void Anything_else_is_not_a_stream(string body)
    {
        Assert.Equal(StreamFlag.NotStream, BodyStreamFlag.Read(Encoding.UTF8.GetBytes(body), complete: true));
    }

    [Fact]
    public void A_prefix_that_ends_before_the_flag_is_settled_is_undecided()
    {
        var padded = Encoding.UTF8.GetBytes($$"""{"padding":"{{new string('x', 1000)}}","stream":true}""");

        Assert.Equal(StreamFlag.Undecided, BodyStreamFlag.Read(padded.AsSpan(0, 500), complete: false));
        Assert.Equal(StreamFlag.Stream, BodyStreamFlag.Read(padded, complete: true));
    }

    [Fact]
    public void A_prefix_that_already_holds_the_flag_decides_without_the_rest()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"stream":true,"padding":"{{new string('x', 1000)}}"}""");

        Assert.Equal(StreamFlag.Stream, BodyStreamFlag.Read(body.AsSpan(0, 100), complete: false));
    }
}
