using System.Buffers;

namespace Miroir.Proxy.Transport;

/// <summary>One rented array of a multi-segment answer body, linked into a <see cref="ReadOnlySequence{T}"/>.</summary>
internal sealed class BodySegment : ReadOnlySequenceSegment<byte>
{
    public BodySegment(byte[] array, int written, long runningIndex)
    {
        Array = array;
        Written = written;
        RunningIndex = runningIndex;
        Memory = array.AsMemory(0, written);
    }

    public byte[] Array { get; }

    public int Written { get; private set; }

    public BodySegment? NextSegment => (BodySegment?)Next;

    public void Grow(int count)
    {
        Written += count;
        Memory = Array.AsMemory(0, Written);
    }

    public void Link(BodySegment next) => Next = next;
}
