using Miroir.Proxy.Reads;

namespace Miroir.Proxy.Tests.Reads;

public sealed class DocumentListOrderUnitTests
{
    [Fact]
    public void Window_ShardsOfUnequalSize_InterleavesRowByRow()
    {
        // Shard 0 holds 3 documents, shard 1 none, shard 2 one: rows are [s0 s2] [s0] [s0].
        long[] counts = [3, 0, 1];
        var (slices, sequence) = DocumentListOrder.Window(counts, 0, 10);
        Assert.Equal([0, 2, 0, 0], sequence);
        Assert.Equal((0L, 3L), slices[0]);
        Assert.Equal((0L, 0L), slices[1]);
        Assert.Equal((0L, 1L), slices[2]);
    }

    [Fact]
    public void Window_EveryOffset_PiecesMakeTheWholeOrder()
    {
        long[] counts = [5, 2, 7, 0, 3];
        var (_, whole) = DocumentListOrder.Window(counts, 0, 100);
        Assert.Equal(17, whole.Length);
        for (var offset = 0; offset <= 18; offset++)
        {
            var (slices, sequence) = DocumentListOrder.Window(counts, offset, 4);
            Assert.Equal(whole.Skip(offset).Take(4), sequence);
            Assert.Equal(sequence.Length, slices.Sum(s => s.End - s.Start));
        }
    }

    [Fact]
    public void Window_NothingToList_Empty()
    {
        Assert.Empty(DocumentListOrder.Window([], 0, 20).Sequence);
        Assert.Empty(DocumentListOrder.Window([4, 4], 8, 20).Sequence);
        Assert.Empty(DocumentListOrder.Window([4, 4], 0, 0).Sequence);
    }
}
