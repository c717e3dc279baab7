using System.Text;
using System.Text.Json;
using Miroir.Proxy.Merging;

namespace Miroir.Proxy.Tests.Merging;

public sealed class FacetKeyUnitTests
{
    [Fact]
    public void WriteDistribution_CaseAndAccentVariants_CountedAsOneValueInNormalisedOrder()
    {
        var totals = new FacetTotals();
        totals.AddDistribution("""{"genre":{"Sci Fi":2,"action":1,"Éclair":1}}"""u8);
        totals.AddDistribution("""{"genre":{"sci fi":1,"Zombie":3,"eclair":2}}"""u8);
        var output = new MemoryStream();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            totals.WriteDistribution(writer, "facetDistribution"u8, _ => FacetValuesOrder.Alpha, 100);
            writer.WriteEndObject();
        }

        Assert.Equal("""{"facetDistribution":{"genre":{"action":1,"\u00C9clair":3,"Sci Fi":3,"Zombie":3}}}""", Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public void Comparer_VariantsOfOneValue_Equal()
    {
        Assert.True(FacetKey.Comparer.Equals("Sci Fi", " sci fi "));
        Assert.Equal(FacetKey.Comparer.GetHashCode("Éclair"), FacetKey.Comparer.GetHashCode("eclair"));
        Assert.False(FacetKey.Comparer.Equals("action", "actions"));
    }
}
