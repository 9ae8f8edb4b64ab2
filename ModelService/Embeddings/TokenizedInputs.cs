using Platform.ModelService.Http;

namespace Platform.ModelService.Embeddings;

/// <summary>
/// A request's inputs as the model sees them, and the tokens it will run: after truncation, <c>[CLS]</c>/<c>[SEP]</c>
/// included, which is what <c>usage.prompt_tokens</c> reports.
/// </summary>
public sealed record TokenizedInputs(IReadOnlyList<long[]> Ids, int Tokens)
{
    /// <summary>
    /// Tokenizes every input; with <paramref name="rejectOverlong"/> an input longer than the model takes is a 400
    /// (<c>context_length_exceeded</c>, as OpenAI answers) instead of being truncated.
    /// </summary>
    public static TokenizedInputs From(IReadOnlyList<string> inputs, WordPieceTokenizer tokenizer, string model, bool rejectOverlong)
    {
        var ids = new long[inputs.Count][];
        var tokens = 0;
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = tokenizer.Encode(inputs[i]);
            if (input.Truncated && rejectOverlong)
            {
                var param = inputs.Count == 1 ? "input" : $"input[{i}]";
                throw new InvalidRequestException(
                    $"'{param}' is longer than the {tokenizer.MaxSequenceLength} tokens the model '{model}' takes; shorten or split it.",
                    param, code: "context_length_exceeded");
            }

            ids[i] = input.Ids;
            tokens += input.Ids.Length;
        }

        return new TokenizedInputs(ids, tokens);
    }
}
