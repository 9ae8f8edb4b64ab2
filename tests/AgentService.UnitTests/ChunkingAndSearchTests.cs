using Platform.AgentService.Knowledge;

namespace Platform.AgentService.UnitTests;

public sealed class ChunkingAndSearchTests
{
    [Fact]
    public void Neighbouring_chunks_overlap_and_together_cover_the_whole_text()
    {
        var text = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"w{i}"));

        var chunks = TextChunker.Split(text, maxTokens: 100, overlapTokens: 30);

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, chunk => Assert.InRange(TextChunker.CountTokens(chunk), 1, 100));
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
        Assert.Equal(["just this"], TextChunker.Split("  just this ", 100, 10));
    }

    [Fact]
    public void Text_dense_in_tokens_is_cut_by_tokens_so_the_model_never_truncates_a_chunk()
    {
        // Hashes, numbers and identifiers make several word pieces per few characters: 1,000 characters of this are
        // over 500 tokens, twice what the model reads.
        var text = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"id-{i * 7919 % 10007:x5} v{i}.{i % 7}.{i % 3}"));

        var chunks = TextChunker.Split(text, maxTokens: 250, overlapTokens: 50);

        Assert.All(chunks, chunk => Assert.InRange(TextChunker.CountTokens(chunk), 125, 250));
        Assert.All(chunks, chunk => Assert.Contains(chunk, text));
        Assert.Equal(text[^12..], chunks[^1][^12..]);
    }

    [Fact]
    public void Chinese_text_without_spaces_is_cut_between_characters()
    {
        var text = string.Concat(Enumerable.Repeat("北京欢迎你东京今天晴天", 40));

        var chunks = TextChunker.Split(text, maxTokens: 100, overlapTokens: 10);

        Assert.True(chunks.Count >= 4);
        Assert.All(chunks, chunk => Assert.InRange(TextChunker.CountTokens(chunk), 1, 100));
        Assert.Equal(text, chunks[0] + string.Concat(chunks.Skip(1).Select(chunk => chunk[10..])));
    }

    [Fact]
    public void A_chunk_ends_after_a_sentence_when_one_ends_in_its_second_half()
    {
        var sentence = string.Join(' ', Enumerable.Range(0, 30).Select(i => $"word{i % 10}")) + ".";
        var text = string.Join(' ', Enumerable.Repeat(sentence, 10));

        var chunks = TextChunker.Split(text, maxTokens: 200, overlapTokens: 20);

        Assert.All(chunks.SkipLast(1), chunk => Assert.EndsWith(".", chunk));
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
