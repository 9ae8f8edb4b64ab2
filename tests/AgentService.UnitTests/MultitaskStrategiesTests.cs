using Platform.AgentService.Runs;
using Platform.ServiceDefaults;

namespace Platform.AgentService.UnitTests;

public sealed class MultitaskStrategiesTests
{
    [Theory]
    [InlineData(null, MultitaskStrategy.Reject)]
    [InlineData("reject", MultitaskStrategy.Reject)]
    [InlineData("enqueue", MultitaskStrategy.Enqueue)]
    [InlineData("interrupt", MultitaskStrategy.Interrupt)]
    [InlineData("rollback", MultitaskStrategy.Rollback)]
    public void Each_wire_name_parses_and_an_absent_one_means_reject(string? name, MultitaskStrategy expected) =>
        Assert.Equal(expected, MultitaskStrategies.Parse(name));

    [Theory]
    [InlineData("shout")]
    [InlineData("Enqueue")]
    [InlineData("")]
    public void An_unknown_name_is_an_invalid_request_naming_the_field_and_the_choices(string name)
    {
        var error = Assert.Throws<InvalidRequestException>(() => MultitaskStrategies.Parse(name));

        Assert.Equal("multitask_strategy", error.Param);
        Assert.Equal(400, error.Status);
        Assert.Contains("reject, enqueue, interrupt, rollback", error.Message);
    }
}
