using Miroir.Engine.Indexing;

namespace Miroir.Engine.Filtering;

/// <summary>
/// A column in an index snapshot: slots, multi-value rows (and the free ones), the values with
/// their documents, the EXISTS / NULL / EMPTY sets. The lookups by key and the sorted views are
/// rebuilt on load (the latter lazily, as after any write).
/// </summary>
public sealed partial class FieldColumn
{
    internal void WriteTo(BinaryWriter w)
    {
        SnapshotArrays.Write<int>(w, _slots);
        w.Write(_multi.Count);
        foreach (var row in _multi)
        {
            SnapshotArrays.Write<int>(w, row);
        }
        SnapshotArrays.Write<int>(w, _freeMulti.ToArray());
        w.Write(_values.Count);
        foreach (var value in _values)
        {
            w.Write(value.Key);
            w.Write(value.Display);
            w.Write(value.IsNumber);
            w.Write(value.Number);
            w.Write(value.Count);
            value.Docs.WriteTo(w);
        }
        Exists.WriteTo(w);
        Null.WriteTo(w);
        Empty.WriteTo(w);
        w.Write(LiveValueCount);
    }

    internal static FieldColumn ReadFrom(string name, BinaryReader r)
    {
        var column = new FieldColumn(name) { _slots = SnapshotArrays.Read<int>(r) };
        var rows = r.ReadInt32();
        for (var i = 0; i < rows; i++)
        {
            column._multi.Add(SnapshotArrays.Read<int>(r));
        }
        var free = SnapshotArrays.Read<int>(r);
        // ToArray listed the stack top first: push in reverse to get the same stack back.
        for (var i = free.Length - 1; i >= 0; i--)
        {
            column._freeMulti.Push(free[i]);
        }
        var values = r.ReadInt32();
        column._values.Capacity = values;
        for (var id = 0; id < values; id++)
        {
            var key = r.ReadString();
            var display = r.ReadString();
            var isNumber = r.ReadBoolean();
            var number = r.ReadDouble();
            var value = new FacetValue(id, key, display, isNumber, number) { Count = r.ReadInt32() };
            value.Docs.ReadFrom(r);
            column._values.Add(value);
            if (isNumber)
            {
                column._numberIds.Add(number, id);
            }
            else
            {
                column._stringIds.Add(key, id);
            }
        }
        column.Exists.ReadFrom(r);
        column.Null.ReadFrom(r);
        column.Empty.ReadFrom(r);
        column.LiveValueCount = r.ReadInt32();
        return column;
    }
}
