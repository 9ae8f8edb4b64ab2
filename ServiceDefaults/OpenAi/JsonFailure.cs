using System.Text.Json;

namespace Platform.ServiceDefaults;

/// <summary>Finds where in a JSON object body parsing broke, so the error can name the field rather than a byte offset.</summary>
public static class JsonFailure
{
    /// <summary>The top-level property whose value could not be read, or null when the failure is outside any.</summary>
    public static string? TopLevelFieldOf(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        string? current = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
                {
                    current = reader.GetString();
                }
                else if (reader.CurrentDepth == 1 && reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray))
                {
                    current = null;
                }
            }
        }
        catch (JsonException)
        {
            return current;
        }
        catch (InvalidOperationException)
        {
            return current;
        }

        return null;
    }
}
