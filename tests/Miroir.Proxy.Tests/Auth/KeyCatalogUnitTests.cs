using Miroir.Meili.Auth;
using Miroir.Proxy.Auth;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Tests.Auth;

/// <summary>The key catalog over a real state log in a temp directory: default keys seeded once, key changes replayed.</summary>
public sealed class KeyCatalogUnitTests : IDisposable
{
    private const string MasterKey = "a-master-key-long-enough-for-tests";
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "miroir-keys-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task SeedDefaultsAsync_FirstStart_CreatesTheDefaultKeysDurably()
    {
        var log = StateLog.Open(_directory);
        var catalog = new KeyCatalog(log, new KeyStore(MasterKey));
        await catalog.SeedDefaultsAsync();
        var seeded = catalog.Keys.Keys.Select(k => k.Uid).Order().ToArray();
        await log.DisposeAsync();

        var (replayed, reopened) = Replay();
        await reopened.DisposeAsync();

        Assert.NotEmpty(seeded);
        Assert.True(replayed.Seen);
        Assert.Equal(seeded, replayed.Keys.Keys.Select(k => k.Uid).Order().ToArray());
    }

    [Fact]
    public async Task SeedDefaultsAsync_EveryKeyDeletedBeforeRestart_DoesNotSeedAgain()
    {
        var log = StateLog.Open(_directory);
        var catalog = new KeyCatalog(log, new KeyStore(MasterKey));
        await catalog.SeedDefaultsAsync();
        foreach (var key in catalog.Keys.Keys.ToArray())
        {
            await catalog.SaveAsync(catalog.Keys.DeleteMutation(key.Uid.ToString()));
        }

        await log.DisposeAsync();

        var (replayed, reopened) = Replay();
        await replayed.SeedDefaultsAsync();
        await reopened.DisposeAsync();

        Assert.Empty(replayed.Keys.Keys);
    }

    private (KeyCatalog Catalog, StateLog Log) Replay()
    {
        var reopened = StateLog.Open(_directory);
        var catalog = new KeyCatalog(reopened, new KeyStore(MasterKey));
        reopened.Replay(e => catalog.Apply(e));
        return (catalog, reopened);
    }

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }
}
