namespace Miroir.Proxy.Merging;

/// <summary>K-way merge over the per-node hit lists (each already in order) through a binary heap of node heads.</summary>
/// <remarks>A node's hits are read only as its head is taken, so the hits after the client's window are never read.</remarks>
internal static class HitHeap
{
    /// <summary>Writes the indices of merged hits [skip, skip + take) into <c>ws.Selected</c>; returns how many.</summary>
    /// <exception cref="System.Text.Json.JsonException">A hit the merge reads is malformed.</exception>
    public static int Select(MergeWorkspace ws, ReadOnlySpan<ReadOnlyMemory<byte>> bodies, int skip, int take)
    {
        if (take == 0)
        {
            return 0;
        }

        var heap = ws.Heap;
        var size = 0;
        for (var node = 0; node < bodies.Length; node++)
        {
            if (HitReader.Next(node, bodies[node].Span, ws))
            {
                heap[size] = node;
                SiftUp(ws, heap, size);
                size++;
            }
        }

        var emitted = 0;
        var position = 0L;
        while (size > 0)
        {
            var node = heap[0];
            if (position++ >= skip)
            {
                if (emitted == ws.Selected.Length)
                {
                    MergeWorkspace.Grow(ref ws.Selected, Math.Min(take, Math.Max(64, emitted * 2)));
                }

                ws.Selected[emitted++] = ws.Nodes[node].Head;
                if (emitted == take)
                {
                    break;
                }
            }

            if (HitReader.Next(node, bodies[node].Span, ws))
            {
                SiftDown(ws, heap, size);
            }
            else
            {
                heap[0] = heap[--size];
                SiftDown(ws, heap, size);
            }
        }

        return emitted;
    }

    private static bool Before(MergeWorkspace ws, int nodeA, int nodeB) =>
        HitOrder.Compare(ws, ws.Nodes[nodeA].Head, ws.Nodes[nodeB].Head) < 0;

    private static void SiftUp(MergeWorkspace ws, int[] heap, int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Before(ws, heap[i], heap[parent]))
            {
                return;
            }

            (heap[i], heap[parent]) = (heap[parent], heap[i]);
            i = parent;
        }
    }

    private static void SiftDown(MergeWorkspace ws, int[] heap, int size)
    {
        var i = 0;
        while (true)
        {
            var left = (2 * i) + 1;
            if (left >= size)
            {
                return;
            }

            var best = left + 1 < size && Before(ws, heap[left + 1], heap[left]) ? left + 1 : left;
            if (!Before(ws, heap[best], heap[i]))
            {
                return;
            }

            (heap[i], heap[best]) = (heap[best], heap[i]);
            i = best;
        }
    }
}
