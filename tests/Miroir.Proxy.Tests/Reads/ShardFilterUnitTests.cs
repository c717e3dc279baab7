using System.Buffers;
using System.Text;
using System.Text.Json;
using Miroir.Proxy.Reads;

namespace Miroir.Proxy.Tests.Reads;

public sealed class ShardFilterUnitTests
{
    private static string Write(string? clientFilter, string? restriction)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            ShardFilter.Write(writer, clientFilter is null ? default : Encoding.UTF8.GetBytes(clientFilter), restriction);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    [Fact]
    public void Restriction_Shards_InListInOrder() =>
        Assert.Equal("_miroir_shard IN [1, 3, 12]", ShardFilter.Restriction([1, 3, 12]));

    [Fact]
    public void Write_StringFilter_ArrayFormSoEachIsParsedAlone() =>
        Assert.Equal("[\"_miroir_shard IN [2]\",\"a = 1) OR (b = 2\"]", Write("\"a = 1) OR (b = 2\"", "_miroir_shard IN [2]"));

    [Theory]
    [InlineData("a = 1) OR (b = 2", "[\"_miroir_shard IN [2]\",\"a = 1) OR (b = 2\"]")]
    [InlineData("[\"a = 1\",[\"b = 2\"]]", "[\"_miroir_shard IN [2]\",\"a = 1\",[\"b = 2\"]]")]
    [InlineData("\"a = 1\"", "[\"_miroir_shard IN [2]\",\"a = 1\"]")]
    [InlineData("null", "\"_miroir_shard IN [2]\"")]
    [InlineData("", "\"_miroir_shard IN [2]\"")]
    public void CombineQuery_GetFilter_JsonArrayTheNodeReadsBack(string client, string expected) =>
        Assert.Equal(expected, ShardFilter.CombineQuery("_miroir_shard IN [2]", client));

    [Fact]
    public void Write_ArrayFilter_RestrictionPrependedAndElementsCopiedByteForByte() =>
        Assert.Equal("[\"_miroir_shard IN [2]\",\"a = 1\",[\"b = 2\", \"c = \\u00e9\"]]", Write("[\"a = 1\", [\"b = 2\", \"c = \\u00e9\"]]", "_miroir_shard IN [2]"));

    [Theory]
    [InlineData(null)]
    [InlineData("null")]
    [InlineData("\"  \"")]
    public void Write_NoClientFilter_RestrictionOnly(string? client) =>
        Assert.Equal("\"_miroir_shard IN [0, 1]\"", Write(client, "_miroir_shard IN [0, 1]"));

    [Fact]
    public void Write_NoRestriction_ClientFilterUnchanged() =>
        Assert.Equal("[\"a = 1\"]", Write("[\"a = 1\"]", null));

    [Fact]
    public void Write_FilterOfWrongType_CopiedSoTheNodeRejectsIt() =>
        Assert.Equal("42", Write("42", "_miroir_shard IN [0]"));
}
