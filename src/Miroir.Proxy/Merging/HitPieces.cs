using System.Runtime.CompilerServices;

namespace Miroir.Proxy.Merging;

/// <summary>A hit's copy plan: the byte ranges of the node body that make up the filtered hit, recorded while it is read.</summary>
/// <remarks>
/// Kept neighbours in the body merge into one range, so a typical hit is copied in a few block copies and never
/// tokenized twice. Pieces are pairs in the workspace's piece array: [start, end) of the body, or (-1, -1) for a
/// comma the body does not have at that place (whitespace before the next kept property).
/// </remarks>
internal static class HitPieces
{
    /// <summary>Appends body[start, end), extending the hit's last range when it ends where this one starts.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add(MergeWorkspace ws, ref HitEntry hit, int start, int end)
    {
        var pieces = ws.Pieces;
        var count = ws.PieceCount;
        hit.OutputLength += end - start;
        if (count > hit.PieceStart && pieces[count - 1] == start)
        {
            pieces[count - 1] = end;
            return;
        }

        if (count + 2 > pieces.Length)
        {
            MergeWorkspace.Grow(ref ws.Pieces, count + 2);
            pieces = ws.Pieces;
        }

        pieces[count] = start;
        pieces[count + 1] = end;
        ws.PieceCount = count + 2;
    }

    /// <summary>Appends a property that follows a kept one: with the body's own comma when it is right before <paramref name="start"/>.</summary>
    public static void AddAfterComma(MergeWorkspace ws, ref HitEntry hit, ReadOnlySpan<byte> body, int start, int end)
    {
        if (body[start - 1] == ',')
        {
            Add(ws, ref hit, start - 1, end);
            return;
        }

        // A (-1, -1) piece never extends nor is extended: no range starts at -1 or ends at a real start.
        Add(ws, ref hit, -1, -1);
        hit.OutputLength++;
        Add(ws, ref hit, start, end);
    }

    /// <summary>Copies the filtered hit into <paramref name="destination"/> (at least <see cref="HitEntry.OutputLength"/> bytes).</summary>
    public static void Write(MergeWorkspace ws, in HitEntry hit, ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var at = 0;
        var pieces = ws.Pieces;
        for (var p = hit.PieceStart; p < hit.PieceEnd; p += 2)
        {
            var start = pieces[p];
            if (start < 0)
            {
                destination[at++] = (byte)',';
                continue;
            }

            var length = pieces[p + 1] - start;
            body.Slice(start, length).CopyTo(destination[at..]);
            at += length;
        }
    }
}
