using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Miroir.Core.Routing;

namespace Miroir.Core.Tests.Routing;

/// <summary>
/// Verifies the checked-in routing fixtures (key → shard, score, (shard, nodes) → owners).
/// These values are frozen forever: a failure here means data would land on other shards.
/// Regenerate only for a deliberate, documented format change: MIROIR_REGEN_FIXTURES=1.
/// </summary>
public sealed class RoutingFixtureUnitTests
{
    private const string FileName = "routing-fixtures.json";

    [Fact]
    public void Fixtures_KeysToShards_MatchImplementation()
    {
        var keys = Load()["keys"]!.AsArray();
        Assert.True(keys.Count >= 20);
        foreach (var entry in keys)
        {
            var key = entry!["key"]!;
            var hash = ulong.Parse(entry["hash"]!.GetValue<string>()[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            Assert.Equal(hash, TypedHash(key));
            Assert.True(ShardHashUnitTests.TryHashJson(key.ToJsonString(), out var fromToken), key.ToJsonString());
            Assert.Equal(hash, fromToken);
            Assert.Equal(entry["s12"]!.GetValue<int>(), new ShardRouter(12).GetShard(Text(key)));
            Assert.Equal(entry["s64"]!.GetValue<int>(), new ShardRouter(64).GetShard(Text(key)));
        }
    }

    [Fact]
    public void Fixtures_IntegerAndStringOfSameDigits_ShareAShard()
    {
        var keys = Load()["keys"]!.AsArray();
        var one = keys.Where(k => Text(k!["key"]!) == "1").ToArray();
        Assert.Equal(2, one.Length);
        Assert.Equal(one[0]!["hash"]!.GetValue<string>(), one[1]!["hash"]!.GetValue<string>());
    }

    [Fact]
    public void Fixtures_Scores_MatchImplementation()
    {
        foreach (var entry in Load()["scores"]!.AsArray())
        {
            var expected = ulong.Parse(entry!["score"]!.GetValue<string>()[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            Assert.Equal(expected, Rendezvous.Score(entry["shard"]!.GetValue<int>(), entry["node"]!.GetValue<string>()));
        }
    }

    [Fact]
    public void Fixtures_Owners_MatchImplementation()
    {
        foreach (var entry in Load()["owners"]!.AsArray())
        {
            var map = BuildMap(entry!);
            var owners = entry!["owners"]!.AsArray();
            Assert.Equal(map.ShardCount, owners.Count);
            for (var shard = 0; shard < map.ShardCount; shard++)
            {
                for (var g = 0; g < map.Topology.ReplicaGroupCount; g++)
                {
                    var expected = owners[shard]![g]!.AsArray().Select(n => n!.GetValue<string>());
                    Assert.Equal(expected, TestTopologies.OwnerIds(map, shard, g));
                }
            }
        }
    }

    [Fact]
    public void Fixtures_Regenerate_OnlyWhenAsked()
    {
        var generated = Generate();
        if (Environment.GetEnvironmentVariable("MIROIR_REGEN_FIXTURES") == "1")
        {
            File.WriteAllText(SourcePath(), generated);
        }

        // The generator itself must reproduce the file byte for byte (same cases, same values).
        Assert.Equal(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Routing", "Fixtures", FileName)).ReplaceLineEndings("\n"), generated);
    }

    private static JsonNode Load() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Routing", "Fixtures", FileName)))!;

    private static ulong TypedHash(JsonNode key) => key.GetValueKind() == JsonValueKind.Number
        ? key.ToJsonString().StartsWith('-') ? ShardHash.Hash(key.GetValue<long>()) : ShardHash.Hash(key.GetValue<ulong>())
        : ShardHash.Hash(key.GetValue<string>());

    private static string Text(JsonNode key) =>
        key.GetValueKind() == JsonValueKind.Number ? key.ToJsonString() : key.GetValue<string>();

    private static ShardMap BuildMap(JsonNode entry)
    {
        var groups = entry["groups"]!.AsArray().Select(g => g!.AsArray().Select(n => n!.GetValue<string>()).ToArray()).ToArray();
        return new ShardMap(TestTopologies.Groups(entry["rf"]!.GetValue<int>(), groups), entry["shards"]!.GetValue<int>());
    }

    private static string SourcePath([CallerFilePath] string self = "") =>
        Path.Combine(Path.GetDirectoryName(self)!, "Fixtures", FileName);

    private static string Generate()
    {
        object[] keys =
        [
            0L, 1L, 2L, 7L, 42L, 12345L, 99999999L, -1L, -42L, 9007199254740993L, long.MaxValue, long.MinValue, ulong.MaxValue,
            "1", "01", "", "a", "abc", "product-42", "doc_0001", "AbC-xyz_09", "café", "naïve", "Ünïcödé",
            "日本語の文書", "emoji-😀", "ÅÆØ-ß", new string('x', 100),
        ];
        var root = new JsonObject
        {
            ["comment"] = "Frozen routing values of spec §2 (shard = XxHash64(utf8(canonical pk) ++ 0xFF) mod S; score = XxHash64(u32le(shard) ++ utf8(node id) ++ 0xFF)). Never edit by hand.",
            ["keys"] = new JsonArray(keys.Select(KeyEntry).ToArray()),
            ["scores"] = new JsonArray(
                new (int, string)[] { (0, "node-1"), (0, "meili-0"), (5, "node-2"), (11, "node-3"), (63, "meili-2"), (1000, "nœud-é") }
                    .Select(p => (JsonNode)new JsonObject { ["shard"] = p.Item1, ["node"] = p.Item2, ["score"] = Hex(Rendezvous.Score(p.Item1, p.Item2)) })
                    .ToArray()),
            ["owners"] = new JsonArray(
                OwnersEntry(2, 12, ["node-1", "node-2", "node-3"]),
                OwnersEntry(1, 64, ["meili-0", "meili-1", "meili-2"]),
                OwnersEntry(3, 12, ["a", "b", "c", "d", "e"]),
                OwnersEntry(2, 12, ["g0-a", "g0-b", "g0-c"], ["g1-a", "g1-b"])),
        };
        var text = root.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        });
        return text.ReplaceLineEndings("\n") + "\n";
    }

    private static JsonNode KeyEntry(object key)
    {
        JsonNode node = key switch
        {
            long l => JsonValue.Create(l),
            ulong u => JsonValue.Create(u),
            _ => JsonValue.Create((string)key),
        };
        var text = Text(node);
        return new JsonObject
        {
            ["key"] = node,
            ["hash"] = Hex(ShardHash.HashCanonical(Encoding.UTF8.GetBytes(text))),
            ["s12"] = new ShardRouter(12).GetShard(text),
            ["s64"] = new ShardRouter(64).GetShard(text),
        };
    }

    private static JsonNode OwnersEntry(int rf, int shards, params string[][] groups)
    {
        var map = new ShardMap(TestTopologies.Groups(rf, groups), shards);
        var owners = new JsonArray();
        for (var shard = 0; shard < shards; shard++)
        {
            owners.Add(new JsonArray(Enumerable.Range(0, groups.Length)
                .Select(g => (JsonNode)new JsonArray(TestTopologies.OwnerIds(map, shard, g).Select(id => (JsonNode)id!).ToArray()))
                .ToArray()));
        }

        return new JsonObject
        {
            ["rf"] = rf,
            ["shards"] = shards,
            ["groups"] = new JsonArray(groups.Select(g => (JsonNode)new JsonArray(g.Select(id => (JsonNode)id!).ToArray())).ToArray()),
            ["owners"] = owners,
        };
    }

    private static string Hex(ulong value) => "0x" + value.ToString("x16", CultureInfo.InvariantCulture);
}
