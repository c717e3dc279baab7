using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Miroir.Proxy.Merging;

/// <summary>Per-merge scratch state: pooled arrays of hits, sort values and string bytes, reused across requests on a thread.</summary>
/// <remarks>Hits are structs in contiguous pooled arrays, so a merge allocates nothing per hit (spec 02 "Hot paths").</remarks>
internal sealed class MergeWorkspace
{
    [ThreadStatic]
    private static MergeWorkspace? t_cached;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        // Meilisearch answers with raw UTF-8, not \uXXXX escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    private Utf8JsonWriter? _writer;

    public HitEntry[] Hits = [];
    public int HitCount;
    public SortValue[] Values = [];
    public byte[] Strings = [];
    public int StringsUsed;
    public NodeCursor[] Nodes = [];
    public int[] Heap = [];
    public int[] Selected = [];

    /// <summary>The hits' copy plans (see <see cref="HitPieces"/>).</summary>
    public int[] Pieces = [];
    public int PieceCount;
    public int[] FacetDistribution = [];
    public int[] FacetStats = [];
    public long TotalHits;

    /// <summary>Sum of the nodes' <c>semanticHitCount</c> (hybrid search); -1 when no node sent one.</summary>
    public long SemanticHitCount;
    /// <summary>Ranking criteria kept per hit: 0 without a sort, else <see cref="RankingCriteria.PerHit"/>.</summary>
    public int Criteria;

    /// <summary>Highest rule <c>order</c> + 1 seen in any hit: comparisons stop there.</summary>
    public int CriteriaUsed;
    /// <summary>The client asked for <c>_rankingScore</c> / <c>_rankingScoreDetails</c>: they stay in the copied hits.</summary>
    public bool KeepScore;
    public bool KeepDetails;

    /// <summary>Hybrid search: mark each hit the vector side ranked, to count them in the client's page.</summary>
    public bool CountSemantic;

    /// <summary>The hybrid search's <c>semanticRatio</c>: vector hits weigh this much, keyword hits the rest.</summary>
    public double SemanticRatio;

    public static MergeWorkspace Rent(int nodes, int criteria, bool keepScore, bool keepDetails)
    {
        var workspace = t_cached ?? new MergeWorkspace();
        t_cached = null;
        workspace.Start(nodes, criteria);
        workspace.KeepScore = keepScore;
        workspace.KeepDetails = keepDetails;
        workspace.CountSemantic = false;
        return workspace;
    }

    /// <summary>A writer bound to <paramref name="output"/>, reused across merges on this thread.</summary>
    public Utf8JsonWriter WriterFor(IBufferWriter<byte> output)
    {
        if (_writer is null)
        {
            _writer = new Utf8JsonWriter(output, WriterOptions);
        }
        else
        {
            _writer.Reset(output);
        }

        return _writer;
    }

    public void Return()
    {
        ReturnArray(ref Hits);
        ReturnArray(ref Values);
        ReturnArray(ref Strings);
        ReturnArray(ref Nodes);
        ReturnArray(ref Heap);
        ReturnArray(ref Selected);
        ReturnArray(ref Pieces);
        ReturnArray(ref FacetDistribution);
        ReturnArray(ref FacetStats);
        _writer?.Reset(NullBufferWriter.Instance);
        t_cached = this;
    }

    /// <summary>Room for one more hit (and its sort values); grows the pooled arrays by doubling.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref HitEntry AddHit()
    {
        if (HitCount == Hits.Length)
        {
            GrowHits();
        }

        return ref Hits[HitCount++];
    }

    /// <summary>Copies string bytes into the arena and returns their offset.</summary>
    public int AddString(ReadOnlySpan<byte> value)
    {
        if (Strings.Length - StringsUsed < value.Length)
        {
            Grow(ref Strings, StringsUsed + value.Length);
        }

        value.CopyTo(Strings.AsSpan(StringsUsed));
        var at = StringsUsed;
        StringsUsed += value.Length;
        return at;
    }

    public static void Grow<T>(ref T[] array, int needed)
    {
        var next = ArrayPool<T>.Shared.Rent(Math.Max(needed, Math.Max(16, array.Length * 2)));
        array.AsSpan().CopyTo(next);
        ReturnArray(ref array);
        array = next;
    }

    private void Start(int nodes, int criteria)
    {
        Criteria = criteria;
        CriteriaUsed = 0;
        HitCount = 0;
        StringsUsed = 0;
        TotalHits = 0;
        SemanticHitCount = -1;
        PieceCount = 0;
        Nodes = ArrayPool<NodeCursor>.Shared.Rent(nodes);
        Heap = ArrayPool<int>.Shared.Rent(nodes);
        FacetDistribution = ArrayPool<int>.Shared.Rent(nodes * 2);
        FacetStats = ArrayPool<int>.Shared.Rent(nodes * 2);
        FacetDistribution.AsSpan(0, nodes * 2).Clear();
        FacetStats.AsSpan(0, nodes * 2).Clear();
        Hits = ArrayPool<HitEntry>.Shared.Rent(64);
        Pieces = ArrayPool<int>.Shared.Rent(512);
        Values = criteria == 0 ? [] : ArrayPool<SortValue>.Shared.Rent(64 * criteria);
    }

    private void GrowHits()
    {
        Grow(ref Hits, Hits.Length * 2);
        if (Criteria > 0)
        {
            Grow(ref Values, Hits.Length * Criteria);
        }
    }

    private static void ReturnArray<T>(ref T[] array)
    {
        if (array.Length > 0)
        {
            ArrayPool<T>.Shared.Return(array);
        }

        array = [];
    }
}
