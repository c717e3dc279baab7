namespace Miroir.Engine.Text;

/// <summary>
/// One word found by the <see cref="Tokenizer"/>: where it sits in the original text (UTF-16
/// offsets), its word position in the attribute, and where its normalised form lives in the
/// tokenizer's buffer.
/// </summary>
internal readonly record struct Token(int Start, int Length, int Position, int NormStart, int NormLength, bool IsStopWord);
