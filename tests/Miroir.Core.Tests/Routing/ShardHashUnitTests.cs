using System.Buffers;
using System.Text;
using System.Text.Json;
using CsCheck;
using Miroir.Core.Routing;

namespace Miroir.Core.Tests.Routing;

public sealed class ShardHashUnitTests
{
    [Theory]
    [InlineData("", 0xEF46DB3751D8E999UL)]
    [InlineData("abc", 0x44BC2CF5AD770999UL)]
    public void ReferenceXxHash64_PublishedVectors_Match(string input, ulong expected) =>
        Assert.Equal(expected, ReferenceXxHash64.Hash(Encoding.ASCII.GetBytes(input)));

    [Fact]
    public void ReferenceXxHash64_RandomInputsOfEveryLength_MatchesLibrary()
    {
        var rng = new Random(7);
        for (var length = 0; length < 200; length++)
        {
            var bytes = new byte[length];
            rng.NextBytes(bytes);
            Assert.Equal(ReferenceXxHash64.Hash(bytes), System.IO.Hashing.XxHash64.HashToUInt64(bytes));
        }
    }

    [Fact]
    public void Hash_IntegerOne_IsXxHashOfAsciiOneThenFF()
    {
        // Built by hand: '1' = 0x31, then the 0xFF terminator.
        var expected = ReferenceXxHash64.Hash([0x31, 0xFF]);
        Assert.Equal(expected, ShardHash.Hash(1L));
        Assert.Equal(expected, ShardHash.Hash(1UL));
        Assert.Equal(expected, ShardHash.Hash("1"));
        Assert.Equal((int)(expected % 12), new ShardRouter(12).GetShard(1L));
    }

    [Fact]
    public void Hash_UnicodeString_IsXxHashOfUtf8ThenFF()
    {
        // "é" U+00E9 is C3 A9 in UTF-8; "😀" U+1F600 is F0 9F 98 80.
        Assert.Equal(ReferenceXxHash64.Hash([0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0xFF]), ShardHash.Hash("é😀"));
    }

    [Fact]
    public void Hash_NegativeAndExtremeIntegers_UseDecimalText()
    {
        Assert.Equal(ShardHash.Hash("-42"), ShardHash.Hash(-42L));
        Assert.Equal(ShardHash.Hash("-9223372036854775808"), ShardHash.Hash(long.MinValue));
        Assert.Equal(ShardHash.Hash("18446744073709551615"), ShardHash.Hash(ulong.MaxValue));
    }

    [Fact]
    public void Hash_KeyLongerThanStackBuffer_MatchesReference()
    {
        var key = new string('k', 700) + "é";
        var bytes = Encoding.UTF8.GetBytes(key).Append((byte)0xFF).ToArray();
        Assert.Equal(ReferenceXxHash64.Hash(bytes), ShardHash.Hash(key));
        Assert.Equal(ReferenceXxHash64.Hash(bytes), ShardHash.HashCanonical(bytes.AsSpan(0, bytes.Length - 1)));
    }

    [Fact]
    public void ShardRouter_ZeroShards_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ShardRouter(0));

    [Fact]
    public void GetShard_AnyKey_IsWithinRange()
    {
        Gen.String.Select(Gen.Int[1, 1000]).Sample((key, shards) =>
        {
            var shard = new ShardRouter(shards).GetShard(key);
            return shard >= 0 && shard < shards;
        }, iter: 2000);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0")]
    [InlineData("-17")]
    [InlineData("18446744073709551615")]
    [InlineData("-9223372036854775808")]
    public void TryHash_IntegerNumberToken_EqualsStringOfSameDigits(string json)
    {
        Assert.True(TryHashJson(json, out var hash));
        Assert.Equal(ShardHash.Hash(json), hash);
        Assert.True(TryHashJson("\"" + json + "\"", out var asString));
        Assert.Equal(hash, asString);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1.0")]
    [InlineData("1e3")]
    [InlineData("-0")]
    [InlineData("18446744073709551616")]
    [InlineData("-9223372036854775809")]
    [InlineData("true")]
    [InlineData("null")]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\udc00x\"")]
    [InlineData("\"\\ud800\\u0041\"")]
    public void TryHash_NotAValidId_ReturnsFalse(string json) => Assert.False(TryHashJson(json, out _));

    [Theory]
    [InlineData("007")]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("+1")]
    public void TryHashJsonToken_NonCanonicalRawNumber_ReturnsFalse(string raw) =>
        Assert.False(ShardHash.TryHashJsonToken(Encoding.ASCII.GetBytes(raw), JsonTokenType.Number, false, out _));

    [Theory]
    [InlineData("\"caf\\u00e9\"", "café")]
    [InlineData("\"caf\\u00E9\"", "café")]
    [InlineData("\"\\ud83d\\ude00!\"", "😀!")]
    [InlineData("\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\"", "a\"b\\c/d\b\f\n\r\t")]
    public void TryHash_EscapedString_EqualsUnescaped(string json, string expected)
    {
        Assert.True(TryHashJson(json, out var hash));
        Assert.Equal(ShardHash.Hash(expected), hash);
    }

    [Fact]
    public void TryHash_AnyStringEscapedByWriter_EqualsHashOfString()
    {
        // The default encoder escapes every non-ASCII char as \uXXXX, exercising the unescaper.
        Gen.String.Where(s => !HasLoneSurrogate(s)).Sample(s =>
        {
            var json = JsonSerializer.Serialize(s);
            return TryHashJson(json, out var hash) && hash == ShardHash.Hash(s);
        }, iter: 3000);
    }

    [Fact]
    public void TryHash_ValueSplitAcrossSegments_EqualsContiguous()
    {
        var json = Encoding.UTF8.GetBytes("\"product-\\u00e9-" + new string('x', 40) + "\"");
        var first = new Segment(json.AsMemory(0, 10));
        var last = first.Append(json.AsMemory(10));
        var reader = new Utf8JsonReader(new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length));
        Assert.True(reader.Read());
        Assert.True(reader.HasValueSequence);
        Assert.True(ShardHash.TryHash(ref reader, out var hash));
        Assert.True(TryHashJson(Encoding.UTF8.GetString(json), out var contiguous));
        Assert.Equal(contiguous, hash);
    }

    [Fact]
    public void GetShard_StringLongAndJsonTokens_DoNotAllocate()
    {
        var router = new ShardRouter(64);
        var json = Encoding.UTF8.GetBytes("[\"product-42\", \"caf\\u00e9\", 12345, -7]");
        const string key = "product-42";
        var sum = Route(router, json, key);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            sum += Route(router, json, key);
        }

        Assert.Equal(before, GC.GetAllocatedBytesForCurrentThread());
        Assert.True(sum > 0);
    }

    private static int Route(ShardRouter router, byte[] json, string key)
    {
        var sum = router.GetShard(key) + router.GetShard(12345L) + router.GetShard(ulong.MaxValue);
        var reader = new Utf8JsonReader(json);
        reader.Read();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            Assert.True(router.TryGetShard(ref reader, out var shard));
            sum += shard;
        }

        return sum;
    }

    internal static bool TryHashJson(string json, out ulong hash)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        reader.Read();
        return ShardHash.TryHash(ref reader, out hash);
    }

    private static bool HasLoneSurrogate(string s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(s[i]))
            {
                return true;
            }
        }

        return false;
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory) => Memory = memory;

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory) { RunningIndex = RunningIndex + Memory.Length };
            Next = next;
            return next;
        }
    }
}
