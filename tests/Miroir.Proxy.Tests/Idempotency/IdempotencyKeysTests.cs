using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Miroir.Core.Configuration;
using Miroir.Proxy.Idempotency;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Tests.Idempotency;

/// <summary>The idempotency keys over a real state log in a temp directory: claims, expiry, eviction, snapshots and replay after a crash.</summary>
public sealed class IdempotencyKeysTests : IDisposable
{
    private static readonly byte[] HashA = [1, 2, 3];
    private static readonly byte[] HashB = [4, 5, 6];
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "miroir-idem-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Claim_AnsweredKey_ReplaysSameHashAndRefusesOther()
    {
        await using var log = StateLog.Open(_directory);
        var keys = new IdempotencyKeys(log, new IdempotencyConfig(), _time);
        Assert.Equal(IdempotencyClaim.Run, keys.Claim("k", HashA, out var entry));
        await keys.RecordPendingAsync(entry);

        Assert.Equal(IdempotencyClaim.Wait, keys.Claim("k", HashA, out var running));
        Assert.False(running.Settled.IsCompleted);
        await keys.CompleteAsync(entry, 202, "{\"taskUid\":7}"u8.ToArray());

        Assert.True(running.Settled.IsCompleted);
        Assert.Equal(IdempotencyClaim.Replay, keys.Claim("k", HashA, out var answered));
        Assert.Equal((202, "{\"taskUid\":7}"), (answered.Status, Encoding.UTF8.GetString(answered.Body)));
        Assert.Equal(IdempotencyClaim.Conflict, keys.Claim("k", HashB, out _));
    }

    [Fact]
    public async Task Claim_ReleasedKey_RunsAgainWithAnyBody()
    {
        await using var log = StateLog.Open(_directory);
        var keys = new IdempotencyKeys(log, new IdempotencyConfig(), _time);
        keys.Claim("k", HashA, out var entry);
        await keys.RecordPendingAsync(entry);
        await keys.ReleaseAsync(entry);

        Assert.True(entry.Settled.IsCompleted);
        Assert.Equal(IdempotencyClaim.Run, keys.Claim("k", HashB, out _));
    }

    [Fact]
    public async Task Claim_AfterTtl_KeyExpiredAndRunsAgain()
    {
        await using var log = StateLog.Open(_directory);
        var keys = new IdempotencyKeys(log, new IdempotencyConfig { TtlSeconds = 60 }, _time);
        await AnswerAsync(keys, "k", HashA);

        _time.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(IdempotencyClaim.Replay, keys.Claim("k", HashA, out _));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(IdempotencyClaim.Run, keys.Claim("k", HashB, out _));
    }

    [Fact]
    public async Task Claim_OverMaxCachedKeys_OldestForgotten()
    {
        await using var log = StateLog.Open(_directory);
        var keys = new IdempotencyKeys(log, new IdempotencyConfig { MaxCachedKeys = 2 }, _time);
        await AnswerAsync(keys, "a", HashA);
        await AnswerAsync(keys, "b", HashA);
        await AnswerAsync(keys, "c", HashA);

        Assert.Equal(2, keys.Count);
        Assert.Equal(IdempotencyClaim.Replay, keys.Claim("c", HashA, out _));
        Assert.Equal(IdempotencyClaim.Run, keys.Claim("a", HashB, out _));
    }

    [Fact]
    public async Task Replay_AnsweredKeys_SurviveReopenAndSnapshotDropsExpired()
    {
        var log = StateLog.Open(_directory);
        var keys = new IdempotencyKeys(log, new IdempotencyConfig { TtlSeconds = 60 }, _time);
        log.AddSource(keys);
        await AnswerAsync(keys, "old", HashA);
        _time.Advance(TimeSpan.FromSeconds(30));
        await AnswerAsync(keys, "new", HashB);
        _time.Advance(TimeSpan.FromSeconds(31));
        await log.SnapshotAsync();
        await log.DisposeAsync();

        var records = new List<string>();
        await using var reopened = StateLog.Open(_directory);
        var replayed = new IdempotencyKeys(reopened, new IdempotencyConfig { TtlSeconds = 60 }, _time);
        reopened.Replay(r =>
        {
            records.Add(r.GetProperty("key").GetString()!);
            replayed.Apply(r);
        });

        Assert.Equal(["new"], records);
        Assert.Equal(IdempotencyClaim.Replay, replayed.Claim("new", HashB, out var entry));
        Assert.Equal("{\"taskUid\":1}", Encoding.UTF8.GetString(entry.Body));
    }

    [Fact]
    public async Task ResolvePending_CrashAfterTaskRegistered_AnswersThatTaskWithoutRunning()
    {
        var log = StateLog.Open(_directory);
        var keys = new IdempotencyKeys(log, new IdempotencyConfig(), _time);
        var tasks = new TaskStore(log, _time);
        keys.Claim("k", HashA, out var entry);
        await keys.RecordPendingAsync(entry);
        TaskOrigin.IdempotencyKey = "k";
        var task = await tasks.RegisterAsync("books", "documentAdditionOrUpdate", null, 0, [new NodeTaskRef("n1", 3)]);
        TaskOrigin.IdempotencyKey = null;
        await log.DisposeAsync(); // the process dies before the answer is recorded

        await using var reopened = StateLog.Open(_directory);
        var replayedKeys = new IdempotencyKeys(reopened, new IdempotencyConfig(), _time);
        var replayedTasks = new TaskStore(reopened, _time);
        reopened.Replay(r => _ = replayedTasks.Apply(r) || replayedKeys.Apply(r));
        await replayedKeys.ResolvePendingAsync(replayedTasks.LastWithIdempotencyKey);

        Assert.Equal(IdempotencyClaim.Replay, replayedKeys.Claim("k", HashA, out var answered));
        Assert.Equal(202, answered.Status);
        using var body = JsonDocument.Parse(answered.Body);
        Assert.Equal(task.Uid, body.RootElement.GetProperty("taskUid").GetInt64());
        Assert.Equal("enqueued", body.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ResolvePending_CrashBeforeAnyTask_KeyReleased()
    {
        var log = StateLog.Open(_directory);
        var keys = new IdempotencyKeys(log, new IdempotencyConfig(), _time);
        keys.Claim("k", HashA, out var entry);
        await keys.RecordPendingAsync(entry);
        await log.DisposeAsync();

        await using var reopened = StateLog.Open(_directory);
        var replayed = new IdempotencyKeys(reopened, new IdempotencyConfig(), _time);
        reopened.Replay(r => replayed.Apply(r));
        Assert.Equal(1, replayed.Count);
        await replayed.ResolvePendingAsync(_ => null);

        Assert.Equal(0, replayed.Count);
        Assert.Equal(IdempotencyClaim.Run, replayed.Claim("k", HashA, out _));
    }

    [Fact]
    public async Task Snapshot_KeyStillRunning_KeptPendingAndResolvedAtNextStart()
    {
        var log = StateLog.Open(_directory);
        var keys = new IdempotencyKeys(log, new IdempotencyConfig(), _time);
        log.AddSource(keys);
        keys.Claim("k", HashA, out var entry);
        await keys.RecordPendingAsync(entry);
        await log.SnapshotAsync();
        await log.DisposeAsync();

        await using var reopened = StateLog.Open(_directory);
        var replayed = new IdempotencyKeys(reopened, new IdempotencyConfig(), _time);
        reopened.Replay(r => replayed.Apply(r));
        var task = new MiroirTask(5, "books", "documentDeletion", _time.GetUtcNow(), null, 0, []) { IdempotencyKey = "k" };
        await replayed.ResolvePendingAsync(key => key == "k" ? task : null);

        Assert.Equal(IdempotencyClaim.Replay, replayed.Claim("k", HashA, out var answered));
        Assert.Equal(5, JsonDocument.Parse(answered.Body).RootElement.GetProperty("taskUid").GetInt64());
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task AnswerAsync(IdempotencyKeys keys, string key, byte[] hash)
    {
        Assert.Equal(IdempotencyClaim.Run, keys.Claim(key, hash, out var entry));
        await keys.RecordPendingAsync(entry);
        await keys.CompleteAsync(entry, 202, "{\"taskUid\":1}"u8.ToArray());
    }
}
