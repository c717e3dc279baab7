using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Miroir.Storage.Log;

/// <summary>Reads and verifies the records of one segment file sequentially through a pooled buffer.</summary>
internal sealed class SegmentReader : IDisposable
{
    private const int ChunkBytes = 1024 * 1024;

    private readonly SafeFileHandle _file;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
    private long _bufferFileOffset;
    private int _start;
    private int _end;

    private SegmentReader(string path, SafeFileHandle file, long firstLsn)
    {
        Path = path;
        FirstLsn = firstLsn;
        _file = file;
        FileLength = RandomAccess.GetLength(file);
    }

    public string Path { get; }

    public long FirstLsn { get; }

    public long FileLength { get; }

    /// <summary>File offset of the next record to read.</summary>
    public long Position => _bufferFileOffset + _start;

    public static SegmentReader Open(string path, long firstLsn) =>
        // FileShare.Delete: compaction may unlink a segment a replay still reads (POSIX keeps it readable).
        new(path, File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete), firstLsn);

    /// <summary>Null when the segment header is present and valid, else why not.</summary>
    public string? ReadHeader()
    {
        if (!Ensure(SegmentHeader.TotalSize))
            return "segment header is incomplete";
        var error = SegmentHeader.Validate(_buffer.AsSpan(_start, SegmentHeader.TotalSize), FirstLsn);
        if (error is null)
            _start += SegmentHeader.TotalSize;
        return error;
    }

    /// <summary>
    /// Reads the next record, which must be <paramref name="expectedLsn"/>. Returns true with the record, or false with <paramref name="error"/>
    /// null at a clean end of file, or set when the bytes at <see cref="Position"/> are not a valid record.
    /// The payload is valid until the next call.
    /// </summary>
    public bool TryRead(long expectedLsn, out LogRecord record, out string? error)
    {
        record = default;
        error = null;
        if (Position == FileLength)
            return false;
        if (!Ensure(RecordHeader.TotalSize))
        {
            error = "record header is incomplete";
            return false;
        }
        var header = RecordHeader.Read(_buffer.AsSpan(_start));
        if (header.Lsn <= 0 || header.Length < 0)
        {
            error = "record header is invalid";
            return false;
        }
        if (header.Lsn != expectedLsn)
        {
            error = $"expected LSN {expectedLsn}, found {header.Lsn}";
            return false;
        }
        var size = RecordHeader.RecordSize(header.Length);
        if (size > FileLength - Position || !Ensure((int)size))
        {
            error = $"record of {header.Length} bytes runs past the end of the file";
            return false;
        }
        var span = _buffer.AsSpan(_start, (int)size);
        if (RecordHeader.Compute(span, header.Length) != header.Checksum)
        {
            error = "record checksum mismatch";
            return false;
        }
        record = new LogRecord(header.Lsn, _buffer.AsMemory(_start + RecordHeader.TotalSize, header.Length));
        _start += (int)size;
        return true;
    }

    /// <summary>Reads everything from <paramref name="offset"/> to the end of the file (recovery's tail scan).</summary>
    public byte[] ReadTail(long offset)
    {
        var tail = new byte[FileLength - offset];
        var read = 0;
        while (read < tail.Length)
        {
            var n = RandomAccess.Read(_file, tail.AsSpan(read), offset + read);
            if (n == 0)
                break;
            read += n;
        }
        return tail;
    }

    public void Dispose()
    {
        _file.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    /// <summary>Makes <paramref name="count"/> bytes from <see cref="Position"/> available; false at end of file.</summary>
    private bool Ensure(int count)
    {
        if (_end - _start >= count)
            return true;
        if (count > FileLength - Position)
            return false;
        if (count > _buffer.Length)
        {
            var grown = ArrayPool<byte>.Shared.Rent(Math.Max(count, _buffer.Length * 2));
            _buffer.AsSpan(_start, _end - _start).CopyTo(grown);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = grown;
        }
        else
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
        }
        _bufferFileOffset += _start;
        _end -= _start;
        _start = 0;
        while (_end < count)
        {
            var n = RandomAccess.Read(_file, _buffer.AsSpan(_end), _bufferFileOffset + _end);
            if (n == 0)
                return false;
            _end += n;
        }
        return true;
    }
}
