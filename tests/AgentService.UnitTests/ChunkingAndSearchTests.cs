using Platform.AgentService.Knowledge;

namespace Platform.AgentService.UnitTests;

public sealed class ChunkingAndSearchTests
{
    [Fact]
    public void Neighbouring_chunks_overlap_and_together_cover_the_whole_text()
    {
        var text = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"w{i}"));

        var chunks = TextChunker.Split(text, size: 100, overlap: 30);

        Assert.All(chunks, chunk => Assert.True(chunk.Length <= 100));
        for (var i = 0; i + 1 < chunks.Count; i++)
        {
            var firstWordOfNext = chunks[i + 1].Split(' ')[0];
            Assert.Contains($" {firstWordOfNext} ", $" {chunks[i]} ");
        }

        var covered = chunks.SelectMany(chunk => chunk.Split(' ')).ToHashSet();
        Assert.All(text.Split(' '), word => Assert.Contains(word, covered));
    }

    [Fact]
    public void Short_text_is_one_chunk()
    {
        Assert.Equal(["just this"], TextChunker.Split("just this", 100, 10));
    }

    [Fact]
    public void Exact_search_ranks_by_cosine_similarity()
    {
        float[] query = [1, 0, 0];
        var candidates = new List<(string, ReadOnlyMemory<float>)>
        {
            ("orthogonal", new float[] { 0, 1, 0 }),
            ("same", new float[] { 2, 0, 0 }),
            ("close", new float[] { 1, 1, 0 }),
            ("opposite", new float[] { -1, 0, 0 }),
        };

        var top = ExactVectorSearch.TopK(query, candidates, 3);

        Assert.Equal(["same", "close", "orthogonal"], top.Select(hit => hit.Id));
        Assert.Equal(1f, top[0].Score, 5);
        Assert.Equal(MathF.Sqrt(0.5f), top[1].Score, 5);
    }
}
