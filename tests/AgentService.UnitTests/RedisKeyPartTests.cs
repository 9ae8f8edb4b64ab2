using Platform.AgentService.Runs;

namespace Platform.AgentService.UnitTests;

public sealed class RedisKeyPartTests
{
    [Fact]
    public void Plain_values_are_left_as_they_are()
    {
        Assert.Equal("client-1", RedisKeyPart.Escape("client-1"));
    }

    [Fact]
    public void A_colon_in_the_client_id_cannot_make_two_clients_share_an_idempotency_key()
    {
        Assert.NotEqual(RunStore.IdempotencyKey("a:b", "c").ToString(), RunStore.IdempotencyKey("a", "b:c").ToString());
        Assert.NotEqual(RunStore.IdempotencyKey("a%3Ab", "c").ToString(), RunStore.IdempotencyKey("a:b", "c").ToString());
    }
}
