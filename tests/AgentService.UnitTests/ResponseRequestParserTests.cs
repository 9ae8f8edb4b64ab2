using System.Text.Json;
using Platform.AgentService.Responses;
using Platform.ServiceDefaults;

namespace Platform.AgentService.UnitTests;

/// <summary>What <c>POST /v1/responses</c> accepts, and the field every refusal names.</summary>
public sealed class ResponseRequestParserTests
{
    private static ResponseRequest Parse(string json) =>
        ResponseRequestParser.Parse(JsonDocument.Parse(json).RootElement, new ResponsesOptions { MaxInputItems = 3, MaxFunctionTools = 2 }, 100);

    private static string Refused(string json) => Assert.Throws<InvalidRequestException>(() => Parse(json)).Param!;

    [Fact]
    public void String_input_is_one_user_message_and_defaults_are_stored_and_waited_for()
    {
        var request = Parse("""{"model":"agent_1","input":"Hi"}""");

        Assert.Equal(new InputItem { Type = "message", Role = "user", Text = "Hi" }, Assert.Single(request.Input));
        Assert.True(request.Store);
        Assert.False(request.Stream || request.Background);
    }

    [Fact]
    public void Item_input_keeps_roles_text_parts_function_calls_and_outputs()
    {
        var request = Parse("""
            {"model":"m","input":[
              {"role":"developer","content":[{"type":"input_text","text":"Be "},{"type":"input_text","text":"terse."}]},
              {"type":"function_call","call_id":"c1","name":"f","arguments":"{\"a\":1}"},
              {"type":"function_call_output","call_id":"c1","output":"done"}],
             "tools":[{"type":"function","name":"f","parameters":{"type":"object"}}],
             "conversation":{"id":"conv_1"},"metadata":{"k":"v"},"tool_choice":"auto","text":{"format":{"type":"text"}},"include":[]}
            """);

        Assert.Equal(("developer", "Be terse."), (request.Input[0].Role, request.Input[0].Text));
        Assert.Equal(("c1", "f", "{\"a\":1}"), (request.Input[1].CallId, request.Input[1].Name, request.Input[1].Arguments));
        Assert.Equal("done", request.Input[2].Output);
        Assert.Equal("f", Assert.Single(request.Tools).Name);
        Assert.Equal("conv_1", request.ConversationId);
        Assert.Equal("v", request.Metadata!["k"]);
    }

    [Theory]
    [InlineData("""{"model":"m","input":"x","top_p":1}""", "top_p")]
    [InlineData("""{"model":"m","input":"x","max_output_tokens":5}""", "max_output_tokens")]
    [InlineData("""{"model":"m","input":"x","parallel_tool_calls":false}""", "parallel_tool_calls")]
    [InlineData("""{"model":"m","input":"x","truncation":"auto"}""", "truncation")]
    [InlineData("""{"model":"m","input":"x","include":["reasoning.encrypted_content"]}""", "include")]
    [InlineData("""{"model":"m","input":"x","text":{"format":{"type":"json_schema"}}}""", "text")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"bad name"}]}""", "tools[0].name")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"a"},{"type":"function","name":"a"}]}""", "tools[1].name")]
    [InlineData("""{"model":"m","input":"x","tools":[{"type":"function","name":"a"},{"type":"function","name":"b"},{"type":"function","name":"c"}]}""", "tools")]
    [InlineData("""{"model":"m","input":[{"role":"user","content":"a"},{"role":"user","content":"b"},{"role":"user","content":"c"},{"role":"user","content":"d"}]}""", "input")]
    [InlineData("""{"model":"m","input":[{"type":"function_call","call_id":"c","name":"f","arguments":"[1]"}]}""", "input[0].arguments")]
    [InlineData("""{"model":"m","input":[{"type":"function_call_output","output":"x"}]}""", "input[0].call_id")]
    [InlineData("""{"model":"m","input":42}""", "input")]
    [InlineData("""{"model":"m","input":[]}""", "input")]
    [InlineData("""{"model":"m","input":"x","text":{"format":5}}""", "text")]
    [InlineData("""{"model":"m","input":"x","tool_choice":{"type":7}}""", "tool_choice.type")]
    [InlineData("""{"model":"m","input":"x","previous_response_id":"resp_1","conversation":"conv_1"}""", "previous_response_id")]
    [InlineData("""{"model":"m","input":"x","instructions":"<101 characters>........................................................................................."}""", "instructions")]
    [InlineData("""{"model":"m","input":"x","metadata":{"k":1}}""", "metadata.k")]
    public void Unsupported_or_invalid_values_are_refused_naming_the_field(string json, string param) => Assert.Equal(param, Refused(json));

    [Fact]
    public void Fields_sent_as_null_count_as_absent()
    {
        var request = Parse("""{"model":"m","input":"x","temperature":null,"instructions":null,"previous_response_id":null}""");

        Assert.Null(request.Instructions);
        Assert.Null(request.PreviousResponseId);
    }
}
