using System.Text.Json;
using ModelContextProtocol.Protocol;
using Platform.AgentService.Tools.Mcp;

namespace Platform.AgentService.UnitTests;

/// <summary>How an MCP tool result becomes the text the model reads.</summary>
public sealed class McpResultTextTests
{
    [Fact]
    public void Text_blocks_are_joined_and_other_blocks_are_named()
    {
        var result = new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = "first" },
                new ImageContentBlock { Data = "AAAA"u8.ToArray(), MimeType = "image/png" },
                new TextContentBlock { Text = "second" },
            ],
        };

        Assert.Equal("first\n[image content omitted]\nsecond", McpResultText.From(result, 1000));
    }

    [Fact]
    public void Structured_content_is_used_when_there_is_no_text()
    {
        var result = new CallToolResult { Content = [], StructuredContent = JsonSerializer.SerializeToElement(new { temperature = 21 }) };

        Assert.Equal("""{"temperature":21}""", McpResultText.From(result, 1000));
    }

    [Fact]
    public void Long_results_are_cut_with_a_marker()
    {
        var result = new CallToolResult { Content = [new TextContentBlock { Text = new string('a', 150) }] };

        Assert.Equal(new string('a', 100) + "\n[truncated at 100 characters]", McpResultText.From(result, 100));
    }
}
