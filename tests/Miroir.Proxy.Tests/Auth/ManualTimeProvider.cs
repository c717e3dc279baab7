namespace Miroir.Proxy.Tests.Auth;

/// <summary>A wall clock the test moves by hand (timers still run in real time, so task polling works).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
