using Platform.Bench.LoadTest;

namespace Platform.Drills.Tests;

public sealed class LoadReportTests
{
    private static Sample At(Operation operation, Outcome outcome, int milliseconds, string? detail = null) =>
        new(operation, outcome, TimeSpan.Zero, TimeSpan.FromMilliseconds(milliseconds), detail);

    [Fact]
    public void Percentiles_are_nearest_rank_over_successful_requests_and_errors_count_against_the_slo()
    {
        var samples = Enumerable.Range(1, 100).Select(i => At(Operation.Embeddings, Outcome.Succeeded, i * 10))
            .Append(At(Operation.Embeddings, Outcome.Failed, 5, "embeddings: 502"))
            .ToList();
        var result = new LoadResult(samples, [], TimeSpan.FromSeconds(10));

        var row = Assert.Single(LoadReport.Figures(result, SloTargets.Default));

        Assert.Equal((101, 10.1), (row.Requests, row.PerSecond));
        Assert.Equal([500, 950, 990], new[] { row.P50, row.P95, row.P99 }.Select(p => p.TotalMilliseconds));
        Assert.Equal(1, row.Errors);
        Assert.False(row.MeetsSlo);
        Assert.Equal(1, result.FailedRequests);
    }

    [Fact]
    public void A_rate_limited_request_is_reported_apart_and_a_cut_stream_is_not_a_failed_request()
    {
        var result = new LoadResult(
            [At(Operation.Chat, Outcome.Rejected, 1, "chat: 429"), At(Operation.ChatStream, Outcome.Failed, 1, PlatformClient.StreamCut + "cut")],
            [],
            TimeSpan.FromSeconds(1));

        var rows = LoadReport.Figures(result, SloTargets.Default);

        Assert.Equal((0, 1), (rows[0].Errors, rows[0].Rejected));
        Assert.Equal((0, 1), (result.FailedRequests, result.FailedStreams));
    }

    [Fact]
    public void The_mix_is_followed_in_proportion()
    {
        var picker = new OperationPicker(new Dictionary<Operation, int> { [Operation.Embeddings] = 3, [Operation.AgentRun] = 1, [Operation.Chat] = 0 });
        var random = new Random(1);

        var picks = Enumerable.Range(0, 4000).Select(_ => picker.Next(random)).GroupBy(operation => operation).ToDictionary(group => group.Key, group => group.Count());

        Assert.Equal([Operation.Embeddings, Operation.AgentRun], picks.Keys.Order());
        Assert.InRange(picks[Operation.Embeddings] / (double)picks[Operation.AgentRun], 2.5, 3.5);
    }

    [Theory]
    [InlineData("--gateway http://g --key k --clients 4 --hold 10 --mix embeddings=1,agent-run=1", true)]
    [InlineData("--gateway http://g --clients 4", false)]
    [InlineData("--gateway http://g --key k --mix tea=1", false)]
    [InlineData("--gateway http://g --key k --clients -1", false)]
    [InlineData("--gateway not-a-url --key k", false)]
    public void Options_are_read_from_the_command_line_and_bad_ones_refused(string line, bool valid)
    {
        var options = LoadOptions.Parse(line.Split(' '), keyFromEnvironment: null);

        Assert.Equal(valid, options is not null);
        if (options is not null)
        {
            Assert.Equal((4, TimeSpan.FromSeconds(10), 2), (options.Clients, options.Hold, options.Mix.Count));
        }
    }
}
