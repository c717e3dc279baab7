using Microsoft.Extensions.Logging;
using Miroir.Storage.Workers;

namespace Miroir.Proxy.Settings;

/// <summary>
/// Runs a drift pass every <c>settings_drift_check.interval_s</c> (the first one interval after start), and
/// sooner when asked (<see cref="RunSoon"/>: a node came back from failure and may have missed a change).
/// </summary>
internal sealed class SettingsDriftScheduler : IAsyncDisposable
{
    private readonly PeriodicWorker _pass;

    public SettingsDriftScheduler(SettingsDriftReconciler reconciler, TimeProvider time, ILogger logger) =>
        _pass = new PeriodicWorker(TimeSpan.FromSeconds(reconciler.Config.IntervalS), time,
            async ct => Report(logger, await reconciler.RunPassAsync(ct).ConfigureAwait(false)),
            e => SettingsLog.PassFailed(logger, e));

    public void Start() => _pass.Start();

    /// <summary>Brings the next pass forward to now.</summary>
    public void RunSoon() => _pass.RunSoon();

    public static void Report(ILogger logger, SettingsDriftPass pass)
    {
        ArgumentNullException.ThrowIfNull(pass);
        SettingsLog.PassCompleted(logger, pass.Indexes.Count, pass.Mismatches, pass.Repaired, pass.Skipped);
    }

    public ValueTask DisposeAsync() => _pass.DisposeAsync();
}
