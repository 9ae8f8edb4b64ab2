using Platform.ModelService.Embeddings;
using Platform.ModelService.Registry;

namespace Platform.ModelService.UnitTests;

/// <summary>How much of the embedding queue one tenant may hold.</summary>
public sealed class TenantShareTests
{
    [Fact]
    public void By_default_one_tenant_holds_at_most_half_the_queue()
    {
        var options = new EmbeddingModelOptions();
        var share = TenantShare.For(options);

        Assert.Equal(options.QueueCapacity / 2, share.MaxInputs);
        Assert.Equal(options.QueueTokenCapacity / 2, share.MaxTokens);
        // The finding's attack, four requests of 256 inputs: two fit, the others are turned away.
        var load = new TenantShare.Load(0, 0);
        for (var i = 0; i < 2; i++)
        {
            Assert.True(share.Admits(load, 256, 256 * 8));
            load = load.Add(256, 256 * 8);
        }

        Assert.False(share.Admits(load, 256, 256 * 8));
    }

    [Fact]
    public void A_request_of_the_largest_size_always_fits_a_tenant_with_nothing_waiting()
    {
        var options = new EmbeddingModelOptions { TenantQueueShare = 0.01 };
        var share = TenantShare.For(options);

        Assert.True(share.Admits(default, options.MaxInputsPerRequest, (long)options.MaxInputsPerRequest * options.MaxSequenceLength));
        Assert.False(share.Admits(new TenantShare.Load(1, 10), options.MaxInputsPerRequest, 10));
    }

    [Fact]
    public void A_tenant_is_limited_by_its_tokens_as_well_as_its_inputs()
    {
        var share = new TenantShare(MaxInputs: 100, MaxTokens: 1_000);

        Assert.True(share.Admits(new TenantShare.Load(10, 900), 1, 100));
        Assert.False(share.Admits(new TenantShare.Load(10, 900), 1, 101));
    }
}
