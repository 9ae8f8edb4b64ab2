#pragma warning disable OPENAI001 // The Responses client is marked experimental.

using System.Net.Http.Json;
using OpenAI.Responses;
using Platform.TestSupport;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>
/// A background response whose replica is lost mid-answer: a client following it with the OpenAI SDK through the
/// gateway on another replica sees the survivor finish it, and can resume the stream by sequence number.
/// </summary>
public sealed class ResponsesReplicaLossTests : ReplicasOnOneRedis
{
    // A replica that is lost hands nothing back: the tests' graceful stop plays one with the hand-back off.
    private static readonly Dictionary<string, string?> Lost = new() { ["Runs:HandBackOnShutdown"] = "false" };

    [Fact]
    public async Task Stream_followed_across_the_loss_of_the_replica_running_it_ends_completed_and_resumes_by_sequence_number()
    {
        Llm.Enqueue(
            new ScriptedReply(Gate: NeverReleased.Task) { Pieces = ["Lost ", "words ", "never ", "finished"], GateAfterPieces = 2 },
            ScriptedReply.Stream("Complete ", "answer ", "from ", "the survivor."));
        var first = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl, Lost);
        var direct = first.ClientFor(GatewayHost.ClientId);
        var agent = await direct.CreateAgentAsync();
        var started = await direct.PostJsonAsync("/v1/responses", new { model = agent, input = "Write something", background = true }, 200);
        var id = started["id"]!.GetValue<string>();
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(Llm.ChatRequests.Count == 1)), "the first replica never called the model");

        await using var survivor = new AgentServiceHost(Redis.ConnectionString, Llm.BaseUrl);
        await using var gateway = new GatewayHost(Redis.ConnectionString, survivor);
        var client = OpenAiSdk.Responses(gateway);
        var updates = new List<StreamingResponseUpdate>();
        var lossAt = -1;
        await foreach (var update in await client.GetResponseStreamingAsync(new GetResponseOptions(id) { StreamingEnabled = true }))
        {
            updates.Add(update);
            if (lossAt < 0 && updates.Deltas() == "Lost words ")
            {
                lossAt = update.SequenceNumber;
                await first.DisposeAsync();
            }
        }

        Assert.Equal(Enumerable.Range(0, updates.Count), updates.Select(update => update.SequenceNumber));
        var completed = Assert.IsType<StreamingResponseCompletedUpdate>(updates[^1]).Response;
        Assert.Equal(ResponseStatus.Completed, completed.Status);
        var messages = completed.OutputItems.Cast<MessageResponseItem>().ToList();
        Assert.Equal(2, messages.Count);
        // What the lost call streamed stays, marked incomplete; the repeated call is the answer.
        Assert.Equal(MessageStatus.Incomplete, messages[0].Status);
        Assert.Equal("Lost words ", messages[0].Content[0].Text);
        Assert.Equal(MessageStatus.Completed, messages[1].Status);
        Assert.Equal("Complete answer from the survivor.", messages[1].Content[0].Text);
        Assert.Equal("Complete answer from the survivor.", string.Concat(
            updates.OfType<StreamingResponseOutputTextDeltaUpdate>().Where(delta => delta.ItemId == messages[1].Id).Select(delta => delta.Delta)));

        // Resuming after the last event seen before the loss gives exactly the rest of the stream.
        var resumed = await client.GetResponseStreamingAsync(new GetResponseOptions(id) { StreamingEnabled = true, StartingAfter = lossAt }).ToListAsync();
        Assert.Equal(updates.Skip(lossAt + 1).Select(update => (update.SequenceNumber, update.Kind)), resumed.Select(update => (update.SequenceNumber, update.Kind)));
        ResponseResult stored = await client.GetResponseAsync(id);
        Assert.Equal(completed.OutputItems.Select(item => item.Id), stored.OutputItems.Select(item => item.Id));
    }
}
