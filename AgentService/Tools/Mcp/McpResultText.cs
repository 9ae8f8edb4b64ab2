using System.Text;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace Platform.AgentService.Tools.Mcp;

/// <summary>A tool result as the text the model reads: text blocks as they are, other blocks named, cut at a limit.</summary>
public static class McpResultText
{
    public static string From(CallToolResult result, int maxChars)
    {
        var text = new StringBuilder();
        foreach (var block in result.Content)
        {
            if (text.Length > 0)
            {
                text.Append('\n');
            }

            text.Append(block switch
            {
                TextContentBlock t => t.Text,
                EmbeddedResourceBlock { Resource: TextResourceContents resource } => resource.Text,
                ResourceLinkBlock link => $"[resource: {link.Uri}]",
                _ => $"[{block.Type} content omitted]",
            });
        }

        if (text.Length == 0 && result.StructuredContent is { } structured)
        {
            text.Append(JsonSerializer.Serialize(structured));
        }

        return Cut(text.ToString(), maxChars);
    }

    public static string Cut(string text, int maxChars) =>
        text.Length <= maxChars ? text : text[..maxChars] + $"\n[truncated at {maxChars} characters]";
}
