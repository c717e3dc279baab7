using Miroir.Core.Configuration;

namespace Miroir.Core.Tests.Configuration;

/// <summary>The <c>anti_entropy</c> section (spec §13.8): defaults, YAML and environment binding, validation that names the key.</summary>
public sealed class AntiEntropyConfigUnitTests
{
    private static ConfigLoadResult Load(string yaml, params (string Name, string Value)[] env) =>
        MiroirConfigLoader.Load(yaml + ConfigTestData.ThreeNodes, env.ToDictionary(e => e.Name, e => e.Value));

    [Fact]
    public void Load_Absent_SpecDefaults()
    {
        var ae = Load("").GetValidConfig().AntiEntropy;

        Assert.Equal((true, "every 6h", 0, 2, 1000, true, "_miroir_updated_at"),
            (ae.Enabled, ae.Schedule, ae.ShardsPerPass, ae.MaxReadConcurrency, ae.FingerprintBatchSize, ae.AutoRepair, ae.UpdatedAtField));
        Assert.Equal(TimeSpan.FromHours(6), ae.Interval);
        Assert.Equal((TimeSpan.FromDays(7), 1_000_000), (ae.TombstoneLifetime, ae.MaxTombstones));
    }

    [Fact]
    public void Load_YamlSection_BindsEveryKey()
    {
        var ae = Load("""
            anti_entropy:
              enabled: false
              schedule: every 30m
              shards_per_pass: 16
              max_read_concurrency: 4
              fingerprint_batch_size: 500
              auto_repair: false
              updated_at_field: _miroir_written_at
              tombstone_ttl: 36h
              max_tombstones: 5000
            """ + "\n").GetValidConfig().AntiEntropy;

        Assert.Equal((false, TimeSpan.FromMinutes(30), 16, 4, 500, false, "_miroir_written_at"),
            (ae.Enabled, ae.Interval, ae.ShardsPerPass, ae.MaxReadConcurrency, ae.FingerprintBatchSize, ae.AutoRepair, ae.UpdatedAtField));
        Assert.Equal((TimeSpan.FromHours(36), 5000), (ae.TombstoneLifetime, ae.MaxTombstones));
    }

    [Fact]
    public void Load_EnvironmentOverrides_BeatTheFile()
    {
        var ae = Load("anti_entropy: { schedule: every 1h, max_read_concurrency: 3 }\n",
            ("MIROIR_ANTI_ENTROPY_SCHEDULE", "every 15m"), ("MIROIR_ANTI_ENTROPY_MAX_READ_CONCURRENCY", "8"), ("MIROIR_ANTI_ENTROPY_ENABLED", "false")).GetValidConfig().AntiEntropy;

        Assert.Equal((TimeSpan.FromMinutes(15), 8, false), (ae.Interval, ae.MaxReadConcurrency, ae.Enabled));
    }

    [Theory]
    [InlineData("anti_entropy: { schedule: daily }\n", "anti_entropy.schedule", "'daily'")]
    [InlineData("anti_entropy: { schedule: every 0h }\n", "anti_entropy.schedule", "'every 0h'")]
    [InlineData("anti_entropy: { schedule: every 6 hours }\n", "anti_entropy.schedule", "'every 6 hours'")]
    [InlineData("anti_entropy: { shards_per_pass: -1 }\n", "anti_entropy.shards_per_pass", "must be at least 0 (0 = every shard), got -1")]
    [InlineData("anti_entropy: { max_read_concurrency: 0 }\n", "anti_entropy.max_read_concurrency", "must be at least 1, got 0")]
    [InlineData("anti_entropy: { fingerprint_batch_size: 0 }\n", "anti_entropy.fingerprint_batch_size", "must be between 1 and 100000, got 0")]
    [InlineData("anti_entropy: { fingerprint_batch_size: 100001 }\n", "anti_entropy.fingerprint_batch_size", "got 100001")]
    [InlineData("anti_entropy: { updated_at_field: updated_at }\n", "anti_entropy.updated_at_field", "got 'updated_at'")]
    [InlineData("anti_entropy: { updated_at_field: _miroir_ }\n", "anti_entropy.updated_at_field", "got '_miroir_'")]
    [InlineData("anti_entropy: { updated_at_field: _miroir_Up }\n", "anti_entropy.updated_at_field", "got '_miroir_Up'")]
    [InlineData("anti_entropy: { updated_at_field: _miroir_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa }\n", "anti_entropy.updated_at_field", "at most 48 characters")]
    [InlineData("anti_entropy: { tombstone_ttl: forever }\n", "anti_entropy.tombstone_ttl", "got 'forever'")]
    [InlineData("anti_entropy: { tombstone_ttl: 0d }\n", "anti_entropy.tombstone_ttl", "got '0d'")]
    [InlineData("anti_entropy: { max_tombstones: 0 }\n", "anti_entropy.max_tombstones", "must be at least 1, got 0")]
    [InlineData("anti_entropy: { auto_repair: maybe }\n", "anti_entropy.auto_repair", "expected true or false, got 'maybe'")]
    public void Load_InvalidValue_NamesKey(string yaml, string key, string message)
    {
        var error = Assert.Single(Load(yaml).Errors);

        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("every 6h", 6 * 3600_000L)]
    [InlineData("6h", 6 * 3600_000L)]
    [InlineData("  EVERY 90s ", 90_000L)]
    [InlineData("every 250ms", 250L)]
    [InlineData("every 15m", 900_000L)]
    [InlineData("every 2d", 2 * 86_400_000L)]
    [InlineData("every 1_0m", -1L)]
    [InlineData("every -5m", -1L)]
    [InlineData("every 5", -1L)]
    [InlineData("every h", -1L)]
    [InlineData("every 99999999999d", -1L)]
    [InlineData("", -1L)]
    public void ScheduleInterval_Parses(string text, long expectedMs)
    {
        var ok = ScheduleInterval.TryParse(text, out var interval);

        Assert.Equal(expectedMs >= 0, ok);
        Assert.Equal(expectedMs >= 0 ? TimeSpan.FromMilliseconds(expectedMs) : TimeSpan.Zero, interval);
    }
}
