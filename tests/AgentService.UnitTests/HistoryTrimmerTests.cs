using Microsoft.Extensions.AI;
using Platform.AgentService.Runs;

namespace Platform.AgentService.UnitTests;

public sealed class HistoryTrimmerTests
{
    private static ChatMessage User(string text) => new(ChatRole.User, text);

    private static ChatMessage Assistant(string text) => new(ChatRole.Assistant, text);

    private static ChatMessage Call(string id) => new(ChatRole.Assistant, [new FunctionCallContent(id, "current_time")]);

    private static ChatMessage Result(string id) => new(ChatRole.Tool, [new FunctionResultContent(id, "12:00")]);

    private static List<string> Texts(IEnumerable<ChatMessage> messages) =>
        messages.Select(m => m.Contents.OfType<FunctionResultContent>().Any() ? "result" : m.Contents.OfType<FunctionCallContent>().Any() ? "call" : m.Text).ToList();

    [Fact]
    public void A_history_within_the_limit_is_kept_whole()
    {
        List<ChatMessage> history = [User("one"), Assistant("1"), User("two"), Assistant("2")];

        Assert.Same(history, HistoryTrimmer.Trim(history, 4));
    }

    [Fact]
    public void The_oldest_whole_turns_go_until_the_rest_fits()
    {
        List<ChatMessage> history = [User("one"), Assistant("1"), User("two"), Assistant("2"), User("three"), Assistant("3")];

        Assert.Equal(["two", "2", "three", "3"], Texts(HistoryTrimmer.Trim(history, 5)));
    }

    [Fact]
    public void A_tool_call_is_never_kept_without_its_question_nor_its_result_without_the_call()
    {
        List<ChatMessage> history = [User("one"), Call("c1"), Result("c1"), Assistant("1"), User("two"), Call("c2"), Result("c2"), Assistant("2")];

        Assert.Equal(["two", "call", "result", "2"], Texts(HistoryTrimmer.Trim(history, 6)));
    }

    [Fact]
    public void The_latest_turn_is_kept_even_when_it_alone_is_over_the_limit()
    {
        List<ChatMessage> history = [User("one"), Assistant("1"), User("two"), Call("c"), Result("c"), Assistant("2")];

        Assert.Equal(["two", "call", "result", "2"], Texts(HistoryTrimmer.Trim(history, 2)));
    }

    [Fact]
    public void A_user_message_carrying_tool_results_does_not_start_a_turn()
    {
        var results = new ChatMessage(ChatRole.User, [new FunctionResultContent("c", "ok")]);
        List<ChatMessage> history = [User("one"), Assistant("1"), User("two"), Call("c"), results, Assistant("2")];

        Assert.Equal(["two", "call", "result", "2"], Texts(HistoryTrimmer.Trim(history, 5)));
    }
}
