namespace Miroir.Proxy.Reads;

/// <summary>
/// Miroir's document listing order: shards interleaved row by row. Row p holds the p-th document (in the node's own
/// order, i.e. insertion order) of every shard that has more than p, shards ascending. Which replica answers does
/// not change it, and since new documents go to the end of their shard, they land in the last rows: pages before
/// them keep their documents while documents are added (as one node's insertion order does).
/// </summary>
internal static class DocumentListOrder
{
    /// <summary>
    /// The window [<paramref name="offset"/>, offset + <paramref name="limit"/>) of the order: for each shard the
    /// positions it contributes ([Start, End), empty when Start == End), and the shard of each window entry in order.
    /// </summary>
    public static ((long Start, long End)[] Slices, int[] Sequence) Window(ReadOnlySpan<long> counts, long offset, long limit)
    {
        var slices = new (long Start, long End)[counts.Length];
        long max = 0;
        long total = 0;
        foreach (var count in counts)
        {
            max = Math.Max(max, count);
            total += count;
        }

        var end = Math.Min(total, offset + limit);
        if (offset >= end)
        {
            return (slices, []);
        }

        // The row holding `offset`: the last row whose start is at or before it (row starts grow with the row).
        long low = 0, high = max;
        while (low < high)
        {
            var mid = (low + high + 1) / 2;
            if (RowStart(counts, mid) <= offset)
            {
                low = mid;
            }
            else
            {
                high = mid - 1;
            }
        }

        var sequence = new int[end - offset];
        var rank = RowStart(counts, low);
        var taken = 0;
        for (var row = low; rank < end; row++)
        {
            for (var shard = 0; shard < counts.Length && rank < end; shard++)
            {
                if (counts[shard] <= row)
                {
                    continue;
                }

                if (rank >= offset)
                {
                    slices[shard] = slices[shard].End == slices[shard].Start ? (row, row + 1) : (slices[shard].Start, row + 1);
                    sequence[taken++] = shard;
                }

                rank++;
            }
        }

        return (slices, sequence);
    }

    /// <summary>Documents in the rows before <paramref name="row"/>.</summary>
    private static long RowStart(ReadOnlySpan<long> counts, long row)
    {
        long start = 0;
        foreach (var count in counts)
        {
            start += Math.Min(count, row);
        }

        return start;
    }
}
