using Microsoft.Extensions.AI;
using Platform.AgentService.Responses;

namespace Platform.AgentService.UnitTests;

/// <summary>Items (the Responses API's history) and chat messages (a thread's history) convert into each other.</summary>
public sealed class ChatItemsTests
{
    [Fact]
    public void Function_calls_of_one_turn_are_one_assistant_message_and_the_items_come_back_unchanged()
    {
        List<InputItem> items =
        [
            new() { Type = "message", Role = "user", Text = "Weather in Paris and Oslo?" },
            new() { Type = "function_call", CallId = "c1", Name = "get_weather", Arguments = """{"city":"Paris"}""" },
            new() { Type = "function_call", CallId = "c2", Name = "get_weather", Arguments = """{"city":"Oslo"}""" },
            new() { Type = "function_call_output", CallId = "c1", Output = "sunny" },
            new() { Type = "function_call_output", CallId = "c2", Output = "rain" },
            new() { Type = "message", Role = "assistant", Text = "Sunny in Paris, rain in Oslo." },
        ];

        var messages = ChatItems.ToMessages(items);

        Assert.Equal([ChatRole.User, ChatRole.Assistant, ChatRole.Tool, ChatRole.Tool, ChatRole.Assistant], messages.Select(m => m.Role));
        Assert.Equal(["c1", "c2"], messages[1].Contents.OfType<FunctionCallContent>().Select(call => call.CallId));
        Assert.Equal(items, ChatItems.FromMessages(messages));
    }

    [Fact]
    public void System_and_developer_messages_reach_the_model_but_are_not_conversation_items()
    {
        var messages = ChatItems.ToMessages([new InputItem { Type = "message", Role = "developer", Text = "Be terse." }]);

        Assert.Equal(ChatRole.System, Assert.Single(messages).Role);
        Assert.Empty(ChatItems.FromMessages(messages));
    }
}
