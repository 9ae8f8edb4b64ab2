namespace Platform.Tokenization;

/// <summary>One pre-tokenized word: where it is in the source text and how many word pieces it became.</summary>
public readonly record struct TokenizedWord(int SourceStart, int SourceEnd, int Tokens);
