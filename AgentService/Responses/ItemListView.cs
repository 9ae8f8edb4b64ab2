namespace Platform.AgentService.Responses;

/// <summary>A page of items in the OpenAI shape: <c>data</c>, <c>first_id</c>, <c>last_id</c>, <c>has_more</c>.</summary>
public sealed record ItemListView(string Object, IReadOnlyList<ItemView> Data, string? FirstId, string? LastId, bool HasMore)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 100;

    /// <summary>
    /// One page of <paramref name="items"/> (oldest first): <c>order</c> asc or desc (the default, newest first),
    /// <c>limit</c> 1-100 (default 20), items after the one whose id is <c>after</c>.
    /// </summary>
    public static ItemListView Page(IReadOnlyList<ItemView> items, IQueryCollection query)
    {
        var order = query["order"].ToString() is { Length: > 0 } given ? given : "desc";
        if (order is not ("asc" or "desc"))
        {
            throw new InvalidRequestException("'order' must be asc or desc.", "order");
        }

        var limit = DefaultLimit;
        if (query["limit"].ToString() is { Length: > 0 } text && (!int.TryParse(text, out limit) || limit is < 1 or > MaxLimit))
        {
            throw new InvalidRequestException($"'limit' must be an integer from 1 to {MaxLimit}.", "limit");
        }

        var ordered = order == "asc" ? items : items.Reverse().ToList();
        var start = 0;
        if (query["after"].ToString() is { Length: > 0 } after)
        {
            var index = ordered.Select(item => item.Id).ToList().IndexOf(after);
            start = index >= 0 ? index + 1 : throw new InvalidRequestException($"No item with id '{after}'.", "after");
        }

        var page = ordered.Skip(start).Take(limit).ToList();
        return new ItemListView("list", page, page.FirstOrDefault()?.Id, page.LastOrDefault()?.Id, start + page.Count < ordered.Count);
    }
}
