using Platform.TestSupport;
using Platform.Tools.BlueGreen;

namespace Platform.Drills.Tests;

/// <summary>The switch's order of steps, on an edge held in memory: traffic moves only after every check passed.</summary>
public sealed class ColourSwitchTests
{
    private sealed class MemoryEdge(string live) : IColourEdge
    {
        public EdgeWeights Weights { get; private set; } = EdgeWeights.AllTo(live);

        public int Writes { get; private set; }

        public Task<EdgeWeights> ReadAsync(CancellationToken cancellationToken) => Task.FromResult(Weights);

        public Task SetAsync(EdgeWeights weights, CancellationToken cancellationToken)
        {
            Weights = weights;
            Writes++;
            return Task.CompletedTask;
        }
    }

    private sealed class Slots(bool ready, Uri gateway) : IColourSlots
    {
        public List<string> Checked { get; } = [];

        public Task WaitReadyAsync(string colour, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Checked.Add(colour);
            return ready ? Task.CompletedTask : throw new InvalidOperationException($"{colour} is not ready");
        }

        public Task<GatewayAccess> OpenGatewayAsync(string colour, CancellationToken cancellationToken) => Task.FromResult(new GatewayAccess(gateway));
    }

    private static readonly Uri Nowhere = new($"http://127.0.0.1:{FreePort.Next()}/");

    private static ColourSwitch Switch(MemoryEdge edge, Slots slots) =>
        new(edge, slots, new SmokeCheck("key", TimeSpan.FromSeconds(5)), SwitchTimeouts.Default, _ => { });

    [Fact]
    public async Task A_colour_that_is_not_ready_never_gets_traffic()
    {
        var edge = new MemoryEdge(EdgeWeights.Blue);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Switch(edge, new Slots(ready: false, Nowhere)).SwitchAsync(EdgeWeights.Green, CancellationToken.None));

        Assert.Equal(0, edge.Writes);
        Assert.Equal(EdgeWeights.Blue, edge.Weights.Live);
    }

    [Fact]
    public async Task A_failed_smoke_check_leaves_the_edge_where_it_was()
    {
        var edge = new MemoryEdge(EdgeWeights.Blue);

        var failure = await Assert.ThrowsAsync<SmokeCheckFailedException>(() => Switch(edge, new Slots(ready: true, Nowhere)).SwitchAsync(EdgeWeights.Green, CancellationToken.None));

        Assert.StartsWith("Smoke check failed at readiness", failure.Message);
        Assert.Equal(0, edge.Writes);
    }

    [Fact]
    public async Task Rollback_moves_to_the_other_colour_checking_only_its_readiness()
    {
        var edge = new MemoryEdge(EdgeWeights.Green);
        var slots = new Slots(ready: true, Nowhere);

        var result = await Switch(edge, slots).RollbackAsync(CancellationToken.None);

        Assert.Equal((EdgeWeights.Green, EdgeWeights.Blue), (result.From, result.To));
        Assert.Equal([EdgeWeights.Blue], slots.Checked);
        Assert.Equal(100, edge.Weights.ByColour[EdgeWeights.Blue]);
        Assert.Equal(0, edge.Weights.ByColour[EdgeWeights.Green]);
    }

    [Fact]
    public async Task Switching_to_the_live_colour_changes_nothing()
    {
        var edge = new MemoryEdge(EdgeWeights.Blue);

        var result = await Switch(edge, new Slots(ready: true, Nowhere)).SwitchAsync(EdgeWeights.Blue, CancellationToken.None);

        Assert.False(result.Changed);
        Assert.Equal(0, edge.Writes);
    }

    [Theory]
    [InlineData("switch green", "switch", "green", "platform-production")]
    [InlineData("rollback --namespace platform-staging", "rollback", null, "platform-staging")]
    [InlineData("status", "status", null, "platform-production")]
    public void The_command_line_reads_verb_colour_and_namespace(string line, string verb, string? colour, string @namespace)
    {
        var command = CommandLine.Parse(line.Split(' '));

        Assert.NotNull(command);
        Assert.Equal((verb, colour, @namespace), (command.Verb, command.Colour, command.Namespace));
    }

    [Theory]
    [InlineData("")]
    [InlineData("switch")]
    [InlineData("switch purple")]
    [InlineData("status --port eighty")]
    [InlineData("status --namespace")]
    [InlineData("deploy")]
    public void A_malformed_command_line_is_refused(string line) =>
        Assert.Null(CommandLine.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
}
