using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Miroir.Core.Configuration;
using Miroir.Proxy.AntiEntropy;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Tests.AntiEntropy;

/// <summary>The tombstone store over a real state log in a temp directory: one record per delete, lookups, TTL, the cap, replay and snapshots.</summary>
public sealed class TombstoneStoreTests : IAsyncDisposable
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_800_000_000_000);

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "miroir-tombstones-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(Start);
    private readonly List<StateLog> _logs = [];

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private readonly ListLogger _logger = new();

    private TombstoneStore Open(Func<AntiEntropyConfig, AntiEntropyConfig>? configure = null)
    {
        var log = StateLog.Open(_directory);
        _logs.Add(log);
        var store = new TombstoneStore(log, configure?.Invoke(new AntiEntropyConfig()) ?? new AntiEntropyConfig(), _time, _logger);
        log.AddSource(store);
        log.Replay(r => store.Apply(r));
        return store;
    }

    private async Task<TombstoneStore> ReopenAsync(Func<AntiEntropyConfig, AntiEntropyConfig>? configure = null)
    {
        await CloseAsync();
        return Open(configure);
    }

    /// <summary>Closes the open log and lists the records a restart replays (snapshot first).</summary>
    private async Task<List<string>> RecordsAsync()
    {
        await CloseAsync();
        await using var log = StateLog.Open(_directory);
        var records = new List<string>();
        log.Replay(r => records.Add(r.GetRawText()));
        return records;
    }

    private async Task CloseAsync()
    {
        foreach (var log in _logs)
        {
            await log.DisposeAsync();
        }

        _logs.Clear();
    }

    [Fact]
    public async Task Record_BatchOfTenThousandIds_OneRecordAndEveryIdCovered()
    {
        var store = Open();
        var ids = Enumerable.Range(0, 10_000).Select(i => "doc-" + i).ToArray();

        await store.RecordAsync(Tombstone.ForIds("m", Now, ids));

        Assert.Equal(10_000, store.Count);
        Assert.Equal(Now, store.DeletedAt("m", "doc-9999"));
        Assert.Null(store.DeletedAt("m", "doc-10000"));
        Assert.Null(store.DeletedAt("other", "doc-1"));
        var reopened = await ReopenAsync();
        Assert.Equal(10_000, reopened.Count);
        var record = Assert.Single(await RecordsAsync());
        Assert.StartsWith("""{"r":"tombstone","index":"m","at":""", record, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Record_BatchBeyondTheRecordBudget_SplitIntoRecordsUnderTheLogLimit()
    {
        var store = Open();
        var ids = Enumerable.Range(0, 3_000).Select(i => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + new string('x', 494)).ToArray();

        await store.RecordAsync(Tombstone.ForIds("m", Now, ids));

        var records = await RecordsAsync();
        Assert.Equal(3_000 * 500L * 6 / TombstoneStore.MaxRecordIdBytes + 1, records.Count);
        Assert.All(records, r => Assert.True(r.Length < 16 * 1024 * 1024));
        var reopened = Open();
        Assert.Equal(3_000, reopened.Count);
        Assert.Equal(Now, reopened.DeletedAt("m", ids[^1]));
    }

    [Fact]
    public async Task DeletedAt_ClearAndIdTombstones_NewestWins()
    {
        var store = Open();
        await store.RecordAsync(Tombstone.ForIds("m", Now - 10, ["a"]));
        await store.RecordAsync(Tombstone.ForAll("m", Now - 5));
        await store.RecordAsync(Tombstone.ForIds("m", Now, ["b"]));

        Assert.Equal((Now - 5, Now, Now - 5), (store.DeletedAt("m", "a"), store.DeletedAt("m", "b"), store.DeletedAt("m", "never-written")));
        Assert.Equal(3, store.Count);
    }

    [Fact]
    public async Task Expire_AfterTtl_ForgetsThemAndReplaySkipsThem()
    {
        var store = Open(c => c with { TombstoneTtl = "1h" });
        await store.RecordAsync(Tombstone.ForIds("m", Now, ["a"]));
        await store.RecordAsync(Tombstone.ForAll("m", Now));
        _time.SetUtcNow(Start.AddMinutes(30));
        await store.RecordAsync(Tombstone.ForIds("m", Now, ["b"]));

        _time.SetUtcNow(Start.AddMinutes(61));
        store.Expire();

        Assert.Equal((null, (long?)Now - 31 * 60_000, 1L), (store.DeletedAt("m", "a"), store.DeletedAt("m", "b"), store.Count));
        var reopened = await ReopenAsync(c => c with { TombstoneTtl = "1h" });
        Assert.Equal((null, 1L), (reopened.DeletedAt("m", "a"), reopened.Count));
    }

    [Fact]
    public async Task Expire_IdDeletedAgainLater_KeepsTheNewerDeletion()
    {
        var store = Open(c => c with { TombstoneTtl = "1h" });
        await store.RecordAsync(Tombstone.ForIds("m", Now, ["a"]));
        _time.SetUtcNow(Start.AddMinutes(30));
        await store.RecordAsync(Tombstone.ForIds("m", Now, ["a"]));

        _time.SetUtcNow(Start.AddMinutes(61));
        store.Expire();

        Assert.Equal(Start.AddMinutes(30).ToUnixTimeMilliseconds(), store.DeletedAt("m", "a"));
        Assert.Equal(1, store.Count);
    }

    [Fact]
    public async Task Cap_Exceeded_DropsTheOldestAndCountsThem()
    {
        var store = Open(c => c with { MaxTombstones = 3 });
        await store.RecordAsync(Tombstone.ForIds("m", Now, ["a", "b"]));
        await store.RecordAsync(Tombstone.ForIds("m", Now + 1, ["c", "d"]));

        Assert.Equal((2L, 2L), (store.Count, store.DroppedTotal));
        Assert.Null(store.DeletedAt("m", "a"));
        Assert.Equal(Now + 1, store.DeletedAt("m", "d"));

        // One warning a minute however many deletes overflow, then the count since the last one.
        await store.RecordAsync(Tombstone.ForIds("m", Now + 2, ["e", "f"]));
        _time.SetUtcNow(Start.AddMinutes(2));
        await store.RecordAsync(Tombstone.ForIds("m", Now, ["g", "h"]));
        var warnings = _logger.Entries.Where(e => e.Event.Id == 1104).Select(e => e.Message).ToArray();
        Assert.Equal(2, warnings.Length);
        Assert.StartsWith("Dropped 2 tombstone(s)", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith("Dropped 4 tombstone(s)", warnings[1], StringComparison.Ordinal);
        Assert.Equal((2L, 6L), (store.Count, store.DroppedTotal));
    }

    [Fact]
    public async Task FiltersSince_OnlyFilterDeletionsAtOrAfterTheStamp()
    {
        var store = Open();
        await store.RecordAsync(Tombstone.ForFilter("m", Now, """{ "filter" : [ "genre = a" , "year > 2000" ] }"""u8.ToArray())!);

        var filter = Assert.Single(store.FiltersSince("m", Now));
        var parsed = JsonDocument.Parse(filter.Filter!).RootElement;
        Assert.Equal(["genre = a", "year > 2000"], parsed.EnumerateArray().Select(e => e.GetString()));
        Assert.StartsWith("""["genre = a",""", filter.Filter, StringComparison.Ordinal);
        Assert.Empty(store.FiltersSince("m", Now + 1));
        Assert.Null(store.DeletedAt("m", "x"));
        Assert.Null(Tombstone.ForFilter("m", Now, """{"other":1}"""u8.ToArray()));
    }

    [Fact]
    public async Task Snapshot_CompactsToLiveTombstones_ReplayRestoresThem()
    {
        var store = Open(c => c with { TombstoneTtl = "1h" });
        await store.RecordAsync(Tombstone.ForIds("m", Now, ["a", "b"]));
        await store.RecordAsync(Tombstone.ForIds("m", Now + 1, ["b"]));
        await store.RecordAsync(Tombstone.ForFilter("m", Now + 2, """{"filter":"x = 1"}"""u8.ToArray())!);
        await store.RecordAsync(Tombstone.ForAll("n", Now + 3));

        await _logs[0].SnapshotAsync();
        var reopened = await ReopenAsync(c => c with { TombstoneTtl = "1h" });

        Assert.Equal((Now, Now + 1, Now + 3), (reopened.DeletedAt("m", "a"), reopened.DeletedAt("m", "b"), reopened.DeletedAt("n", "z")));
        Assert.Single(reopened.FiltersSince("m", 0));
        Assert.Equal(4, reopened.Count);
        var tombstones = (await RecordsAsync()).Where(r => r.Contains("\"tombstone\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(4, tombstones.Length);
        Assert.Contains(tombstones, r => JsonDocument.Parse(r).RootElement.TryGetProperty("ids", out var ids) && ids.GetArrayLength() == 1 && ids[0].GetString() == "a");
    }

    [Fact]
    public async Task Forget_SwappedIndex_DropsOnlyItsTombstonesDurably()
    {
        var store = Open();
        await store.RecordAsync(Tombstone.ForIds("a", Now, ["x", "y"]));
        await store.RecordAsync(Tombstone.ForAll("a", Now));
        await store.RecordAsync(Tombstone.ForIds("b", Now, ["x"]));

        await store.ForgetAsync("a");
        await store.RecordAsync(Tombstone.ForIds("a", Now + 1, ["z"]));

        Assert.Equal((null, Now + 1, Now, 2L), (store.DeletedAt("a", "x"), store.DeletedAt("a", "z"), store.DeletedAt("b", "x"), store.Count));
        await _logs[0].SnapshotAsync();
        var reopened = await ReopenAsync();
        Assert.Equal((null, Now + 1, Now, 2L), (reopened.DeletedAt("a", "x"), reopened.DeletedAt("a", "z"), reopened.DeletedAt("b", "x"), reopened.Count));
    }

    [Fact]
    public void StampNow_AntiEntropyOff_RecordsNothing()
    {
        var store = Open(c => c with { Enabled = false });

        Assert.Null(store.StampNow());
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
