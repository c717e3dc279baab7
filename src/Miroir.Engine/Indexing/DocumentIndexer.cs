using System.Text.Json;
using Miroir.Engine.Text;

namespace Miroir.Engine.Indexing;

/// <summary>
/// Turns one document into postings: walks the JSON (nested objects flattened with dots,
/// array elements separated by a hard gap), tokenizes every searchable string, number and
/// boolean, and records <c>(field, position)</c> per word. One instance per writer thread.
/// </summary>
internal sealed class DocumentIndexer(FieldRegistry fields, SearchableFields searchable, Tokenizer tokenizer, InvertedIndex index)
{
    private readonly List<Token> _tokens = [];
    private int[] _lastPosition = new int[16];
    private int[] _wordCount = new int[16];
    private readonly List<int> _touched = [];

    /// <summary>Indexes <paramref name="root"/> as document <paramref name="doc"/>; returns its per-field word counts.</summary>
    public uint[] Index(int doc, JsonElement root)
    {
        _touched.Clear();
        tokenizer.Reset();
        if (root.ValueKind == JsonValueKind.Object)
        {
            foreach (var prop in root.EnumerateObject())
            {
                Walk(doc, prop.Value, prop.Name, false);
            }
        }
        var counts = new uint[_touched.Count];
        for (var i = 0; i < _touched.Count; i++)
        {
            var f = _touched[i];
            counts[i] = ((uint)f << 16) | (uint)Math.Min(_wordCount[f], ushort.MaxValue);
        }
        return counts;
    }

    /// <summary>Registers the field paths of a document without indexing (for unsearchable documents' field order).</summary>
    public void RegisterFields(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var prop in element.EnumerateObject())
                {
                    RegisterFields(prop.Value, path.Length == 0 ? prop.Name : path + "." + prop.Name);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    RegisterFields(item, path);
                }
                break;
            default:
                if (path.Length > 0)
                {
                    fields.GetOrAdd(path);
                }
                break;
        }
    }

    private void Walk(int doc, JsonElement element, string path, bool newElement)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var prop in element.EnumerateObject())
                {
                    Walk(doc, prop.Value, path + "." + prop.Name, newElement);
                    newElement = false;
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(doc, item, path, true);
                }
                break;
            case JsonValueKind.String:
                IndexText(doc, path, element.GetString()!, newElement);
                break;
            case JsonValueKind.Number:
                IndexText(doc, path, element.GetRawText(), newElement);
                break;
            case JsonValueKind.True:
                IndexText(doc, path, "true", newElement);
                break;
            case JsonValueKind.False:
                IndexText(doc, path, "false", newElement);
                break;
        }
    }

    private void IndexText(int doc, string path, string text, bool newElement)
    {
        var field = fields.GetOrAdd(path);
        if (!searchable.IsSearchable(field, path))
        {
            return;
        }
        if (field >= _lastPosition.Length)
        {
            Array.Resize(ref _lastPosition, Math.Max(field + 1, _lastPosition.Length * 2));
            Array.Resize(ref _wordCount, _lastPosition.Length);
        }
        if (!_touched.Contains(field))
        {
            _touched.Add(field);
            _lastPosition[field] = -1;
            _wordCount[field] = 0;
        }
        _tokens.Clear();
        tokenizer.Tokenize(text, ref _lastPosition[field], newElement, _tokens);
        _wordCount[field] += _tokens.Count;
        foreach (var token in _tokens)
        {
            if (!token.IsStopWord)
            {
                index.Add(tokenizer.Normalized(token), doc, WordPostings.Pack(field, token.Position));
            }
        }
    }
}
