using Miroir.Core.Configuration;

namespace Miroir.Core.Tests.Configuration;

/// <summary><c>write_quorum</c>: loaded from YAML or its variable, defaulting by RF.</summary>
public sealed class WriteQuorumConfigUnitTests
{
    [Theory]
    [InlineData(1, WriteQuorumPolicy.One)]
    [InlineData(2, WriteQuorumPolicy.One)]
    [InlineData(3, WriteQuorumPolicy.Majority)]
    public void EffectiveWriteQuorum_Unset_DefaultsByReplicationFactor(int rf, WriteQuorumPolicy expected) =>
        Assert.Equal(expected, (MiroirConfig.Default with { ReplicationFactor = rf }).EffectiveWriteQuorum);

    [Theory]
    [InlineData("one", WriteQuorumPolicy.One)]
    [InlineData("majority", WriteQuorumPolicy.Majority)]
    [InlineData("ALL", WriteQuorumPolicy.All)]
    public void Load_WriteQuorum_OverridesDefault(string value, WriteQuorumPolicy expected)
    {
        var result = MiroirConfigLoader.Load($"write_quorum: {value}\nreplication_factor: 3\n" + ConfigTestData.ThreeNodes, ConfigTestData.NoEnvironment);
        Assert.Empty(result.Errors);
        Assert.Equal(expected, result.Config!.EffectiveWriteQuorum);
    }

    [Fact]
    public void Load_WriteQuorumVariable_OverridesYaml()
    {
        var environment = new Dictionary<string, string> { ["MIROIR_WRITE_QUORUM"] = "all" };
        var result = MiroirConfigLoader.Load("write_quorum: one\n" + ConfigTestData.ThreeNodes, environment);
        Assert.Equal(WriteQuorumPolicy.All, result.Config!.EffectiveWriteQuorum);
    }

    [Fact]
    public void Validate_UndefinedPolicy_NamesKey()
    {
        var error = Assert.Single(ConfigValidator.Validate(MiroirConfig.Default with { WriteQuorum = (WriteQuorumPolicy)7 }), e => e.Key == "write_quorum");
        Assert.Equal("must be one, majority or all", error.Message);
    }
}
