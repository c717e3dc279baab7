using System.Buffers;
using System.Text.Json;

namespace Miroir.Engine.Search;

/// <summary>
/// The dotted path of the property a <see cref="Utf8JsonReader"/> is on, built in a pooled
/// buffer (rented on first use) so that walking a stored document allocates nothing.
/// </summary>
internal ref struct FieldPath
{
    private byte[]? _buffer;
    private int _length;

    public readonly ReadOnlySpan<byte> Value => _buffer.AsSpan(0, _length);

    /// <summary>Appends the reader's property name (unescaped); returns the mark to <see cref="Pop"/> back to.</summary>
    public int Push(ref Utf8JsonReader reader)
    {
        var mark = _length;
        // An escaped name only shrinks when unescaped.
        Ensure(mark + 1 + reader.ValueSpan.Length);
        if (mark > 0)
        {
            _buffer![_length++] = (byte)'.';
        }
        var rest = _buffer.AsSpan(_length);
        if (reader.ValueIsEscaped)
        {
            _length += reader.CopyString(rest);
        }
        else
        {
            reader.ValueSpan.CopyTo(rest);
            _length += reader.ValueSpan.Length;
        }
        return mark;
    }

    /// <summary>The last property name, pushed at <paramref name="mark"/>.</summary>
    public readonly ReadOnlySpan<byte> NameAt(int mark) => _buffer.AsSpan(mark == 0 ? 0 : mark + 1, _length - (mark == 0 ? 0 : mark + 1));

    public void Pop(int mark) => _length = mark;

    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = null;
        }
    }

    private void Ensure(int size)
    {
        if (_buffer is not null && size <= _buffer.Length)
        {
            return;
        }
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(size, 256));
        if (_buffer is not null)
        {
            _buffer.AsSpan(0, _length).CopyTo(bigger);
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        _buffer = bigger;
    }
}
