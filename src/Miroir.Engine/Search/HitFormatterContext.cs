using Miroir.Engine.Settings;
using Miroir.Engine.Text;

namespace Miroir.Engine.Search;

/// <summary>The settings and a private tokenizer a search's hit writer needs to format hits.</summary>
internal sealed class HitFormatterContext(IndexSettings settings, Tokenizer tokenizer)
{
    public IndexSettings Settings { get; } = settings;

    public Tokenizer Tokenizer { get; } = tokenizer;

    /// <summary>Guards the tokenizer: hits of one result may be written from several threads.</summary>
    public object Sync { get; } = new();
}
