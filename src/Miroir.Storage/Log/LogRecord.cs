namespace Miroir.Storage.Log;

/// <summary>One record read back from an <see cref="AppendLog"/>.</summary>
/// <remarks>
/// <see cref="Payload"/> points into the reader's buffer and is only valid until the
/// enumeration advances; copy it (<c>Payload.ToArray()</c>) to keep it longer.
/// </remarks>
public readonly record struct LogRecord(long Lsn, ReadOnlyMemory<byte> Payload);
