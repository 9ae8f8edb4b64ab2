namespace Platform.AgentService.Apis;

/// <summary>A list in the OpenAI shape: <c>{"object":"list","data":[...]}</c>.</summary>
public sealed record ListView<T>(string Object, IReadOnlyList<T> Data);

public static class ListView
{
    public static ListView<T> Of<T>(IEnumerable<T> items) => new("list", items.ToList());
}

public sealed record DeletedView(string Id, string Object, bool Deleted);
