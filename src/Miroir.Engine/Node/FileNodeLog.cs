using System.Buffers.Binary;
using System.IO.Hashing;

namespace Miroir.Engine.Node;

/// <summary>
/// A minimal single-file log used until Miroir.Storage's AppendLog is wired in: records are
/// <c>[len u32][lsn i64][crc32 u32][payload]</c>, appended and fsynced under one lock; a torn
/// or corrupt tail is cut off on open. Snapshots are a separate file replaced by rename.
/// </summary>
internal sealed class FileNodeLog : INodeLog
{
    private const int HeaderSize = 16;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _logPath;
    private readonly string _snapshotPath;
    private FileStream _stream;
    private long _lastLsn;
    private long _bytesSinceSnapshot;

    public FileNodeLog(string directory)
    {
        Directory.CreateDirectory(directory);
        _logPath = Path.Combine(directory, "node.log");
        _snapshotPath = Path.Combine(directory, "node.snapshot");
        _lastLsn = LoadLatestSnapshot()?.UptoLsn ?? 0;
        var validLength = 0L;
        foreach (var (lsn, _, end) in Scan(0))
        {
            _lastLsn = Math.Max(_lastLsn, lsn);
            validLength = end;
        }
        _stream = new FileStream(_logPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
        _stream.SetLength(validLength);
        _stream.Seek(0, SeekOrigin.End);
        _bytesSinceSnapshot = validLength;
    }

    public long BytesSinceSnapshot => Interlocked.Read(ref _bytesSinceSnapshot);

    public async ValueTask<long> AppendAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var header = new byte[HeaderSize];
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var lsn = _lastLsn + 1;
            BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
            BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(4), lsn);
            BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), Crc32.HashToUInt32(payload.Span));
            await _stream.WriteAsync(header, cancellationToken).ConfigureAwait(false);
            await _stream.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
            _stream.Flush(flushToDisk: true);
            _lastLsn = lsn;
            Interlocked.Add(ref _bytesSinceSnapshot, HeaderSize + payload.Length);
            return lsn;
        }
        finally
        {
            _gate.Release();
        }
    }

    public (long UptoLsn, byte[] Payload)? LoadLatestSnapshot()
    {
        if (!File.Exists(_snapshotPath))
        {
            return null;
        }
        var bytes = File.ReadAllBytes(_snapshotPath);
        var lsn = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        return (lsn, bytes[8..]);
    }

    public IEnumerable<(long Lsn, ReadOnlyMemory<byte> Payload)> ReadAfter(long afterLsn)
    {
        foreach (var (lsn, payload, _) in Scan(afterLsn))
        {
            yield return (lsn, payload);
        }
    }

    public async ValueTask WriteSnapshotAsync(long uptoLsn, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        var temp = _snapshotPath + ".tmp";
        await using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write))
        {
            var lsn = new byte[8];
            BinaryPrimitives.WriteInt64LittleEndian(lsn, uptoLsn);
            await file.WriteAsync(lsn, cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(payload, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
        File.Move(temp, _snapshotPath, overwrite: true);
        await CompactAsync(uptoLsn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rewrites the log without the records the snapshot covers.</summary>
    private async ValueTask CompactAsync(long uptoLsn, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _stream.Flush(flushToDisk: true);
            var keep = new MemoryStream();
            foreach (var (lsn, payload, _) in Scan(uptoLsn))
            {
                var header = new byte[HeaderSize];
                BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
                BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(4), lsn);
                BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(12), Crc32.HashToUInt32(payload.Span));
                keep.Write(header);
                keep.Write(payload.Span);
            }
            var temp = _logPath + ".tmp";
            await File.WriteAllBytesAsync(temp, keep.ToArray(), cancellationToken).ConfigureAwait(false);
            await _stream.DisposeAsync().ConfigureAwait(false);
            File.Move(temp, _logPath, overwrite: true);
            _stream = new FileStream(_logPath, FileMode.Open, FileAccess.ReadWrite, FileShare.Read);
            _stream.Seek(0, SeekOrigin.End);
            Interlocked.Exchange(ref _bytesSinceSnapshot, keep.Length);
        }
        finally
        {
            _gate.Release();
        }
    }

    private IEnumerable<(long Lsn, ReadOnlyMemory<byte> Payload, long End)> Scan(long afterLsn)
    {
        if (!File.Exists(_logPath))
        {
            yield break;
        }
        using var file = new FileStream(_logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        var header = new byte[HeaderSize];
        while (file.ReadAtLeast(header, HeaderSize, throwOnEndOfStream: false) == HeaderSize)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var lsn = BinaryPrimitives.ReadInt64LittleEndian(header.AsSpan(4));
            if (length < 0 || length > file.Length - file.Position)
            {
                yield break;
            }
            var payload = new byte[length];
            file.ReadExactly(payload);
            if (Crc32.HashToUInt32(payload) != BinaryPrimitives.ReadUInt32LittleEndian(header.AsSpan(12)))
            {
                yield break;
            }
            if (lsn > afterLsn)
            {
                yield return (lsn, payload, file.Position);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }
}
