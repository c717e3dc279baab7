using System.Globalization;
using System.Text;
using Miroir.Engine.Settings;

namespace Miroir.Engine.Search;

/// <summary>
/// How a search's hits are written, worked out once per result rather than per hit: the
/// displayed and retrieved fields, the highlighted fields and each cropped field's length.
/// </summary>
internal sealed class HitPlan
{
    private readonly (byte[] Name, int Length)[] _crops;
    private readonly FieldSelection? _cropped;

    public HitPlan(IndexSettings settings, SearchRequest request)
    {
        Displayed = new FieldSelection(settings.DisplayedAttributes);
        Retrieve = new FieldSelection(request.AttributesToRetrieve);
        Highlight = request.AttributesToHighlight is { Count: > 0 } highlight ? new FieldSelection(highlight) : null;
        _crops = request.AttributesToCrop is { } crop ? [.. crop.Select(entry => ParseCrop(entry, request.CropLength))] : [];
        _cropped = _crops.Length > 0 ? new FieldSelection([.. _crops.Select(c => Encoding.UTF8.GetString(c.Name))]) : null;
    }

    public FieldSelection Displayed { get; }

    public FieldSelection Retrieve { get; }

    /// <summary>The fields to highlight; null when attributesToHighlight is absent or empty.</summary>
    public FieldSelection? Highlight { get; }

    /// <summary>Whether <c>_formatted</c> is written.</summary>
    public bool Formats => Highlight is not null || _crops.Length > 0;

    /// <summary>Whether <paramref name="path"/> or a part of it belongs in <c>_formatted</c>: retrieved, highlighted or cropped.</summary>
    public bool FormattedReaches(ReadOnlySpan<byte> path) =>
        Retrieve.Reaches(path) || Highlight?.Reaches(path) == true || _cropped?.Reaches(path) == true;

    /// <summary>Whether the stored document is written as is, apart from <c>_vectors</c>.</summary>
    public bool RetrievesAll => Displayed.IsAll && Retrieve.IsAll;

    /// <summary>The crop length of a field: <c>field:n</c> in attributesToCrop, else cropLength; null when not cropped.</summary>
    public int? CropLengthFor(ReadOnlySpan<byte> path)
    {
        foreach (var (name, length) in _crops)
        {
            if (name is [(byte)'*'] || (path.StartsWith(name) && (path.Length == name.Length || path[name.Length] == (byte)'.')))
            {
                return length;
            }
        }
        return null;
    }

    private static (byte[] Name, int Length) ParseCrop(string entry, int cropLength)
    {
        var colon = entry.LastIndexOf(':');
        if (colon <= 0)
        {
            return (Encoding.UTF8.GetBytes(entry), cropLength);
        }
        var length = int.TryParse(entry.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : cropLength;
        return (Encoding.UTF8.GetBytes(entry[..colon]), length);
    }
}
