using System.Buffers;

namespace Miroir.Proxy.Merging;

/// <summary>A sink a cached <see cref="System.Text.Json.Utf8JsonWriter"/> points at between merges, so it never holds a caller's buffer.</summary>
internal sealed class NullBufferWriter : IBufferWriter<byte>
{
    public static NullBufferWriter Instance { get; } = new();

    public void Advance(int count)
    {
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => new byte[Math.Max(sizeHint, 1)];

    public Span<byte> GetSpan(int sizeHint = 0) => new byte[Math.Max(sizeHint, 1)];
}
