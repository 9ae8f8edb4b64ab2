using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Platform.TestSupport;

namespace Platform.ModelService.Tests;

public sealed class BatchingTests
{
    private static readonly string LongText = string.Join(" ", Enumerable.Range(0, 600).Select(i => $"token{i % 31}"));

    [Fact]
    public async Task Concurrent_single_sentence_requests_run_together_and_get_their_own_vectors()
    {
        await using var host = await ModelServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [ModelServiceHost.ModelSettings + "MaxBatchSize"] = "16",
            [ModelServiceHost.ModelSettings + "MaxQueueDelay"] = "00:00:00.500",
        });
        using var batches = BatchSizes(host);
        var sentences = Enumerable.Range(0, 16).Select(i => $"Sentence number {i} talks about topic {i * 7 % 5}.").ToList();

        var responses = await Task.WhenAll(sentences.Select(sentence =>
            host.Client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = sentence })));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.True(batches.Sizes.Max() > 1, $"batches: {string.Join(",", batches.Sizes)}");
        Assert.Equal(16, batches.Sizes.Sum());

        var model = host.Model.Model;
        for (var i = 0; i < sentences.Count; i++)
        {
            var body = await responses[i].Content.ReadFromJsonAsync<JsonElement>();
            var vector = body.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()).ToArray();
            var alone = model.Embed([model.Tokenizer.Tokenize(sentences[i])])[0];
            Assert.True(Vectors.Cosine(alone, vector) > 0.99999, $"request {i} got another input's vector");
        }
    }

    [Fact]
    public async Task With_batching_off_every_input_runs_alone()
    {
        await using var host = await ModelServiceHost.StartAsync(new Dictionary<string, string?> { [ModelServiceHost.ModelSettings + "MaxBatchSize"] = "1" });
        using var batches = BatchSizes(host);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            host.Client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = new[] { $"first {i}", $"second {i}" } })));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(Enumerable.Repeat(1, 12), batches.Sizes);
    }

    [Fact]
    public async Task A_full_queue_answers_429_with_retry_after_at_once()
    {
        await using var host = await ModelServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [ModelServiceHost.ModelSettings + "MaxBatchSize"] = "4",
            [ModelServiceHost.ModelSettings + "QueueCapacity"] = "64",
            [ModelServiceHost.ModelSettings + "MaxInputsPerRequest"] = "64",
        });
        var batcher = host.Model.Batcher;

        // 64 long inputs keep the single worker busy for many batches.
        var busy = host.Client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = Enumerable.Repeat(LongText, 64).ToArray() });
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(batcher.QueuedInputs >= 48), every: TimeSpan.FromMilliseconds(5)));

        var rejected = await host.Client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = Enumerable.Repeat("one more", 32).ToArray() });

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal("1", rejected.Headers.GetValues("Retry-After").Single());
        var error = (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");
        Assert.Equal("rate_limit_error", error.GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, (await busy).StatusCode);
    }

    [Fact]
    public async Task A_cancelled_request_leaves_the_queue_and_never_runs()
    {
        // Batches wait for 1,024 inputs or for the oldest input to wait 1 s: both requests are queued together long
        // before the worker takes anything, however fast the model runs on this machine.
        await using var host = await ModelServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [ModelServiceHost.ModelSettings + "MaxBatchSize"] = "1024",
            [ModelServiceHost.ModelSettings + "MaxQueueDelay"] = "00:00:01",
        });
        var batcher = host.Model.Batcher;
        var processedBefore = batcher.ProcessedInputs;

        var busy = host.Client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = Enumerable.Repeat("kept", 64).ToArray() });
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(batcher.QueuedInputs >= 64), every: TimeSpan.FromMilliseconds(2)));

        using var cancel = new CancellationTokenSource();
        var abandoned = host.Client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = Enumerable.Repeat("never needed", 100).ToArray() }, cancel.Token);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(batcher.QueuedInputs >= 164), every: TimeSpan.FromMilliseconds(2)));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);

        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(batcher.QueuedInputs <= 64)));
        Assert.Equal(HttpStatusCode.OK, (await busy).StatusCode);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(batcher.QueuedInputs == 0)));
        Assert.Equal(64, batcher.ProcessedInputs - processedBefore);
    }

    [Fact]
    public async Task Each_batch_span_links_to_the_request_spans_it_served()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Platform.Models",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        await using var host = await ModelServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [ModelServiceHost.ModelSettings + "MaxQueueDelay"] = "00:00:00.500",
        });

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            host.Client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = $"traced sentence {i}" })));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        var requests = stopped.Where(activity => activity.DisplayName == "embeddings all-minilm-l6-v2").ToList();
        var batches = stopped.Where(activity => activity.DisplayName == "embeddings batch").ToList();
        Assert.Equal(4, requests.Count);
        Assert.NotEmpty(batches);
        Assert.All(batches, batch => Assert.Null(batch.ParentId));
        var linked = batches.SelectMany(batch => batch.Links).Select(link => link.Context.SpanId).ToHashSet();
        Assert.All(requests, request => Assert.Contains(request.SpanId, linked));
        Assert.All(requests, request => Assert.NotNull(request.ParentId)); // child of the HTTP server span
    }

    [Fact]
    public async Task Mixed_lengths_run_in_batches_of_similar_length_within_the_token_budget()
    {
        await using var host = await ModelServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [ModelServiceHost.ModelSettings + "MaxQueueDelay"] = "00:00:00.500",
            [ModelServiceHost.ModelSettings + "MaxBatchTokens"] = "1024",
        });
        using var batches = BatchSizes(host);
        var model = host.Model.Model;
        var texts = Enumerable.Range(0, 16).Select(i => i % 2 == 0 ? $"short query {i}" : string.Join(" ", Enumerable.Range(0, 150).Select(w => $"word{(w + i) % 13}"))).ToList();
        var realTokens = texts.Sum(text => model.Tokenizer.Tokenize(text).Length);

        var responses = await Task.WhenAll(texts.Select(text =>
            host.Client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = text })));

        Assert.All(responses, response => Assert.Equal(HttpStatusCode.OK, response.StatusCode));
        Assert.Equal(16, batches.Sizes.Sum());
        Assert.All(batches.Tokens, tokens => Assert.InRange(tokens, 1, 1024));
        // Count-based batching would pad every short query to a long text: 16 x the longest, about twice the real tokens.
        Assert.True(batches.Tokens.Sum() < realTokens * 1.2, $"padded {batches.Tokens.Sum()} tokens for {realTokens} real ones; batches {string.Join(",", batches.Tokens)}");
        for (var i = 0; i < texts.Count; i++)
        {
            var body = await responses[i].Content.ReadFromJsonAsync<JsonElement>();
            var vector = body.GetProperty("data")[0].GetProperty("embedding").EnumerateArray().Select(value => value.GetSingle()).ToArray();
            Assert.True(Vectors.Cosine(model.Embed([model.Tokenizer.Tokenize(texts[i])])[0], vector) > 0.99999, $"request {i} got another input's vector");
        }
    }

    [Fact]
    public async Task A_queue_full_of_tokens_answers_429_though_it_holds_few_inputs()
    {
        await using var host = await ModelServiceHost.StartAsync(new Dictionary<string, string?>
        {
            [ModelServiceHost.ModelSettings + "MaxBatchSize"] = "1",
            [ModelServiceHost.ModelSettings + "IntraOpThreads"] = "1",
            [ModelServiceHost.ModelSettings + "MaxInputsPerRequest"] = "4",
            [ModelServiceHost.ModelSettings + "QueueTokenCapacity"] = "1024",
        });
        var batcher = host.Model.Batcher;

        var busy = host.Client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = Enumerable.Repeat(LongText, 4).ToArray() });
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(batcher.QueuedTokens >= 512), every: TimeSpan.FromMilliseconds(2)));

        var rejected = await host.Client.PostAsJsonAsync("/v1/embeddings", new { model = "all-minilm-l6-v2", input = Enumerable.Repeat(LongText, 3).ToArray() });

        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.True(batcher.QueuedInputs < 4);
        Assert.Equal(HttpStatusCode.OK, (await busy).StatusCode);
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(batcher.QueuedTokens == 0)));
    }

    private static BatchSizeRecorder BatchSizes(ModelServiceHost host) => new(host.Services.GetRequiredService<IMeterFactory>());

    /// <summary>Records <c>platform.models.batch.size</c> and <c>platform.models.batch.tokens</c> of one service instance.</summary>
    private sealed class BatchSizeRecorder : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<int> _sizes = new();
        private readonly ConcurrentQueue<int> _tokens = new();

        public BatchSizeRecorder(IMeterFactory owner)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Name is "platform.models.batch.size" or "platform.models.batch.tokens" && ReferenceEquals(instrument.Meter.Scope, owner))
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<int>((instrument, value, _, _) =>
                (instrument.Name == "platform.models.batch.size" ? _sizes : _tokens).Enqueue(value));
            _listener.Start();
        }

        public IReadOnlyList<int> Sizes => [.. _sizes];

        public IReadOnlyList<int> Tokens => [.. _tokens];

        public void Dispose() => _listener.Dispose();
    }
}
