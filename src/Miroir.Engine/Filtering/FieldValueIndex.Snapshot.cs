using Miroir.Engine.Indexing;

namespace Miroir.Engine.Filtering;

/// <summary>
/// The value index in an index snapshot: the indexed documents, every column by name (in
/// creation order) and the <c>_geo</c> points. The path classification cache starts empty.
/// </summary>
public sealed partial class FieldValueIndex
{
    internal void WriteTo(BinaryWriter w)
    {
        _indexed.WriteTo(w);
        w.Write(_columns.Count);
        foreach (var (name, column) in _columns)
        {
            w.Write(name);
            column.WriteTo(w);
        }
        GeoDocs.WriteTo(w);
        SnapshotArrays.Write<double>(w, _lats);
        SnapshotArrays.Write<double>(w, _lngs);
    }

    /// <summary>Loads what <see cref="WriteTo"/> wrote into this new index, built for the same settings.</summary>
    internal void ReadFrom(BinaryReader r)
    {
        _indexed.ReadFrom(r);
        var columns = r.ReadInt32();
        for (var i = 0; i < columns; i++)
        {
            var name = r.ReadString();
            _columns.Add(name, FieldColumn.ReadFrom(name, r));
        }
        GeoDocs.ReadFrom(r);
        _lats = SnapshotArrays.Read<double>(r);
        _lngs = SnapshotArrays.Read<double>(r);
    }
}
