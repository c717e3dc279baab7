using Miroir.Core.Configuration;

namespace Miroir.Core.Tests.Configuration;

/// <summary>The <c>settings_broadcast</c> and <c>settings_drift_check</c> sections (spec §13.5): defaults, binding, validation that names the key.</summary>
public sealed class SettingsConfigUnitTests
{
    private static ConfigLoadResult Load(string yaml, params (string Name, string Value)[] env) =>
        MiroirConfigLoader.Load(yaml + ConfigTestData.ThreeNodes, env.ToDictionary(e => e.Name, e => e.Value));

    [Fact]
    public void Load_Absent_SpecDefaults()
    {
        var config = Load("").GetValidConfig();

        Assert.Equal((SettingsBroadcastStrategy.TwoPhase, 60, 3, true),
            (config.SettingsBroadcast.Strategy, config.SettingsBroadcast.VerifyTimeoutS, config.SettingsBroadcast.MaxRepairRetries, config.SettingsBroadcast.FreezeWritesOnUnrepairable));
        Assert.Equal((300, true), (config.SettingsDriftCheck.IntervalS, config.SettingsDriftCheck.AutoRepair));
    }

    [Fact]
    public void Load_YamlAndEnvironment_BindEveryKey()
    {
        var config = Load("""
            settings_broadcast:
              strategy: sequential
              verify_timeout_s: 30
              max_repair_retries: 5
              freeze_writes_on_unrepairable: false
            settings_drift_check:
              interval_s: 60
            """ + "\n", ("MIROIR_SETTINGS_DRIFT_CHECK_AUTO_REPAIR", "false"), ("MIROIR_SETTINGS_BROADCAST_VERIFY_TIMEOUT_S", "45")).GetValidConfig();

        Assert.Equal((SettingsBroadcastStrategy.Sequential, 45, 5, false),
            (config.SettingsBroadcast.Strategy, config.SettingsBroadcast.VerifyTimeoutS, config.SettingsBroadcast.MaxRepairRetries, config.SettingsBroadcast.FreezeWritesOnUnrepairable));
        Assert.Equal((60, false), (config.SettingsDriftCheck.IntervalS, config.SettingsDriftCheck.AutoRepair));
    }

    [Theory]
    [InlineData("settings_broadcast: { strategy: three_phase }\n", "settings_broadcast.strategy", "must be two_phase or sequential, got 'three_phase'")]
    [InlineData("settings_broadcast: { verify_timeout_s: 0 }\n", "settings_broadcast.verify_timeout_s", "must be between 1 and 86400, got 0")]
    [InlineData("settings_broadcast: { max_repair_retries: 0 }\n", "settings_broadcast.max_repair_retries", "must be between 1 and 10, got 0")]
    [InlineData("settings_broadcast: { max_repair_retries: 11 }\n", "settings_broadcast.max_repair_retries", "got 11")]
    [InlineData("settings_broadcast: { freeze_writes_on_unrepairable: sometimes }\n", "settings_broadcast.freeze_writes_on_unrepairable", "expected true or false, got 'sometimes'")]
    [InlineData("settings_drift_check: { interval_s: 0 }\n", "settings_drift_check.interval_s", "must be between 1 and 86400, got 0")]
    [InlineData("settings_drift_check: { interval_s: 5m }\n", "settings_drift_check.interval_s", "expected an integer, got '5m'")]
    [InlineData("settings_drift_check: { auto_repair: 1 }\n", "settings_drift_check.auto_repair", "expected true or false, got '1'")]
    [InlineData("settings_drift_check: { every: 5 }\n", "settings_drift_check.every", "")]
    public void Load_InvalidValue_NamesKey(string yaml, string key, string message)
    {
        var error = Assert.Single(Load(yaml).Errors);

        Assert.Equal(key, error.Key);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BuiltInCode_NamesKey()
    {
        var config = MiroirConfigLoader.Load(ConfigTestData.ThreeNodes, new Dictionary<string, string>()).GetValidConfig() with
        {
            SettingsDriftCheck = new SettingsDriftCheckConfig { IntervalS = -5 },
        };

        var error = Assert.Single(ConfigValidator.Validate(config));

        Assert.Equal("settings_drift_check.interval_s", error.Key);
    }
}
