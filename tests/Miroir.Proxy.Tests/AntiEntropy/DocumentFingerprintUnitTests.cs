using System.Text;
using Miroir.Proxy.AntiEntropy;

namespace Miroir.Proxy.Tests.AntiEntropy;

public sealed class DocumentFingerprintUnitTests
{
    private static DocumentPrint? Print(string json, string primaryKey = "id")
    {
        var bytes = Encoding.UTF8.GetBytes("  " + json);
        return new DocumentFingerprint(primaryKey, "_miroir_updated_at").Compute(bytes, 2..bytes.Length);
    }

    [Fact]
    public void Compute_SameFieldsInAnotherOrder_SameHash()
    {
        var a = Print("""{"id":1,"title":"x","tags":["a","b"],"n":{"p":1},"_miroir_shard":3}""")!.Value;
        var b = Print("""{"_miroir_shard":3,"n":{"p":1},"tags":["a","b"],"title":"x","id":1}""")!.Value;

        Assert.Equal(a.Hash, b.Hash);
        Assert.Equal(a.PkHash, b.PkHash);
    }

    [Theory]
    [InlineData("""{"id":1,"title":"y"}""")]
    [InlineData("""{"id":1,"title":"x","extra":null}""")]
    [InlineData("""{"id":1}""")]
    [InlineData("""{"id":2,"title":"x"}""")]
    [InlineData("""{"id":"1","title":"x"}""")]
    [InlineData("""{"id":1,"titl":"ex"}""")]
    [InlineData("""{"id":1,"title":"x","_miroir_updated_at":7}""")]
    public void Compute_AnyContentDifference_ChangesHash(string other)
    {
        Assert.NotEqual(Print("""{"id":1,"title":"x"}""")!.Value.Hash, Print(other)!.Value.Hash);
    }

    [Fact]
    public void Compute_ReservedFields_AreRead()
    {
        var print = Print("""{"id":"a","_miroir_updated_at":1700000000123,"_miroir_expires_at":5}""")!.Value;

        Assert.Equal((1700000000123L, 5L), (print.UpdatedAt, print.ExpiresAt));
        Assert.True(print.IsExpired(5));
        Assert.False(print.IsExpired(4));
    }

    [Fact]
    public void Compute_NoStampOrExpiry_CountsAsZeroAndNever()
    {
        var print = Print("""{"id":"a","_miroir_updated_at":"soon"}""")!.Value;

        Assert.Equal(0, print.UpdatedAt);
        Assert.Null(print.ExpiresAt);
        Assert.False(print.IsExpired(long.MaxValue));
    }

    [Fact]
    public void Compute_PrimaryKeyOffsets_PointIntoTheWholeBuffer()
    {
        var bytes = Encoding.UTF8.GetBytes("""[{"id":"first"},{"x":1,"id":"second"}]""");
        var print = new DocumentFingerprint("id", "_miroir_updated_at").Compute(bytes, 16..(bytes.Length - 1))!.Value;

        Assert.Equal("\"second\"", Encoding.UTF8.GetString(bytes, print.PkStart, print.PkLength));
    }

    [Fact]
    public void Compute_MissingPrimaryKey_Null() => Assert.Null(Print("""{"title":"x"}"""));

    [Fact]
    public void Compute_ManyFields_GrowsAndStaysOrderIndependent()
    {
        var fields = Enumerable.Range(0, 100).Select(i => $"\"f{i}\":{i}").ToList();
        var forward = Print("{\"id\":1," + string.Join(',', fields) + "}")!.Value;
        fields.Reverse();
        var backward = Print("{" + string.Join(',', fields) + ",\"id\":1}")!.Value;

        Assert.Equal(forward.Hash, backward.Hash);
    }

    [Fact]
    public void ShardDigest_SameDocumentsInAnotherOrder_SameValue()
    {
        var prints = Enumerable.Range(0, 300).Select(i => Print($$"""{"id":{{i}},"v":"{{i * 7}}"}""")!.Value).ToArray();
        var forward = new ShardDigest();
        var backward = new ShardDigest();
        foreach (var p in prints)
        {
            forward.Add(p);
        }

        foreach (var p in prints.Reverse())
        {
            backward.Add(p);
        }

        Assert.Equal(forward.Value(), backward.Value());
        Assert.Equal(300, forward.Documents);
        backward.Add(Print("""{"id":1000}""")!.Value);
        Assert.NotEqual(forward.Value(), backward.Value());
        Assert.Single(Enumerable.Range(0, ShardDigest.BucketCount), b => forward.BucketDiffers(backward, b));
    }
}
