using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Miroir.Engine.Indexing;
using Miroir.Engine.Search;
using Miroir.Engine.Settings;

namespace Miroir.Benchmarks.Writing;

/// <summary>
/// Writing an engine search response once the hits are ranked: plain hits with <c>_rankingScore</c>,
/// or with one of the options that share the hit writer (highlighting, cropping, match positions,
/// a partial attributesToRetrieve with score details).
/// </summary>
[MemoryDiagnoser]
public class SearchResponseWritingBenchmarks
{
    private SearchResult _result = null!;
    private ArrayBufferWriter<byte> _buffer = null!;
    private Utf8JsonWriter _writer = null!;

    [Params(20, 200)]
    public int Hits { get; set; }

    [Params("plain", "highlight", "crop", "matches", "retrieve-details")]
    public string Format { get; set; } = "plain";

    [GlobalSetup]
    public void Setup()
    {
        var index = new EngineIndex("bench", "id", IndexSettings.Default);
        var docs = Enumerable.Range(0, 1000).Select(i => (ReadOnlyMemory<byte>)Encoding.UTF8.GetBytes(
            $"{{\"id\":{i},\"name\":\"package-{i} tools\",\"description\":\"command line tools for the system, release {i % 17}, with a longer text to crop and highlight\",\"size\":{i * 7}}}")).ToList();
        index.AddDocuments(docs, updateExisting: false);
        var request = new SearchRequest { Q = "tools", Limit = Hits, ShowRankingScore = true };
        _result = index.Search(Format switch
        {
            "highlight" => request with { AttributesToHighlight = ["*"] },
            "crop" => request with { AttributesToCrop = ["description"], CropLength = 5 },
            "matches" => request with { ShowMatchesPosition = true },
            "retrieve-details" => request with { AttributesToRetrieve = ["id", "name"], ShowRankingScoreDetails = true },
            _ => request,
        });
        _buffer = new ArrayBufferWriter<byte>(1 << 20);
        _writer = new Utf8JsonWriter(_buffer);
    }

    [GlobalCleanup]
    public void Cleanup() => _writer.Dispose();

    [Benchmark]
    public int Write()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        SearchResponseWriter.Write(_writer, _result);
        _writer.Flush();
        return _buffer.WrittenCount;
    }
}
