namespace Platform.Tokenization;

/// <summary>
/// A WordPiece vocabulary (one token a line, the line number is the id), looked up by span so tokenizing does not
/// allocate a string per piece. Word-initial pieces and <c>##</c> continuations are kept apart for that reason.
/// </summary>
public sealed class WordPieceVocabulary
{
    private const string ContinuationPrefix = "##";

    private readonly Dictionary<string, int> _initial = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _continuation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _initialBySpan;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _continuationBySpan;

    private WordPieceVocabulary(TextReader lines)
    {
        var id = 0;
        while (lines.ReadLine() is { } token)
        {
            // A later duplicate wins, as in the reference loaders.
            if (token.StartsWith(ContinuationPrefix, StringComparison.Ordinal) && token.Length > ContinuationPrefix.Length)
            {
                _continuation[token[ContinuationPrefix.Length..]] = id;
            }
            else
            {
                _initial[token] = id;
            }

            id++;
        }

        Count = id;
        _initialBySpan = _initial.GetAlternateLookup<ReadOnlySpan<char>>();
        _continuationBySpan = _continuation.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count { get; }

    public static WordPieceVocabulary Load(TextReader lines) => new(lines);

    /// <summary>The uncased BERT vocabulary of all-MiniLM-L6-v2 (bert-base-uncased's 30,522 tokens), shipped with this library.</summary>
    public static WordPieceVocabulary BertBaseUncased()
    {
        using var stream = typeof(WordPieceVocabulary).Assembly.GetManifestResourceStream("Platform.Tokenization.bert-base-uncased.txt")
            ?? throw new InvalidOperationException("The bert-base-uncased vocabulary resource is missing.");
        using var reader = new StreamReader(stream);
        return Load(reader);
    }

    /// <summary>Id of a whole token such as <c>[CLS]</c>; throws if the vocabulary lacks it.</summary>
    public int IdOf(string token) =>
        _initial.TryGetValue(token, out var id) ? id : throw new InvalidOperationException($"The vocabulary has no token '{token}'.");

    public bool Contains(string token) => _initial.ContainsKey(token);

    /// <summary>Looks up a piece, as a word start or (after the first piece) as a <c>##</c> continuation.</summary>
    public bool TryGetPiece(ReadOnlySpan<char> piece, bool continuation, out int id) =>
        continuation ? _continuationBySpan.TryGetValue(piece, out id) : _initialBySpan.TryGetValue(piece, out id);
}
