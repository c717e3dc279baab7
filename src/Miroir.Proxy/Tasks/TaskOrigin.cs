namespace Miroir.Proxy.Tasks;

/// <summary>
/// The <c>Idempotency-Key</c> of the client request being served, flowing with its async context down to
/// <see cref="TaskStore.RegisterAsync"/>: every task a keyed request registers is recorded with its key, so a
/// key whose answer was never recorded (a crash in between) still resolves to its task after a restart.
/// </summary>
internal static class TaskOrigin
{
    private static readonly AsyncLocal<string?> Key = new();

    /// <summary>Set by the idempotency gate for the rest of the request; null outside a keyed request.</summary>
    public static string? IdempotencyKey
    {
        get => Key.Value;
        set => Key.Value = value;
    }
}
