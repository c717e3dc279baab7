namespace Miroir.Proxy.Merging;

/// <summary>K-way merge over the per-node hit lists (each already in order) through a binary heap of node heads.</summary>
internal static class HitHeap
{
    /// <summary>Writes the indices of merged hits [skip, skip + take) into <c>ws.Selected</c>; returns how many.</summary>
    public static int Select(MergeWorkspace ws, int nodes, int skip, int take)
    {
        var heap = ws.Heap;
        var cursor = ws.Cursor;
        var size = 0;
        for (var node = 0; node < nodes; node++)
        {
            cursor[node] = 0;
            if (ws.NodeCount[node] > 0)
            {
                heap[size] = node;
                SiftUp(ws, heap, size);
                size++;
            }
        }

        var wanted = (int)Math.Min((long)take, Math.Max(0, ws.HitCount - (long)skip));
        if (ws.Selected.Length < wanted)
        {
            MergeWorkspace.Grow(ref ws.Selected, wanted);
        }

        var emitted = 0;
        var position = 0L;
        while (size > 0 && emitted < wanted)
        {
            var node = heap[0];
            var hit = Head(ws, node);
            if (position++ >= skip)
            {
                ws.Selected[emitted++] = hit;
            }

            if (++cursor[node] < ws.NodeCount[node])
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

    private static int Head(MergeWorkspace ws, int node) => ws.NodeStart[node] + ws.Cursor[node];

    private static bool Before(MergeWorkspace ws, int nodeA, int nodeB) =>
        HitOrder.Compare(ws, Head(ws, nodeA), Head(ws, nodeB)) < 0;

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
