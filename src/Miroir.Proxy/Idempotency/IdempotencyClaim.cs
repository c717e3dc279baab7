namespace Miroir.Proxy.Idempotency;

/// <summary>What a request carrying an <c>Idempotency-Key</c> does next (see <see cref="IdempotencyKeys.Claim"/>).</summary>
internal enum IdempotencyClaim
{
    /// <summary>A new key: this request runs, and its answer is recorded.</summary>
    Run,

    /// <summary>The key answered before with the same request: that answer again, nothing written.</summary>
    Replay,

    /// <summary>The key is running the same request in this process now: wait for it, then claim again.</summary>
    Wait,

    /// <summary>The key was used with another request: 409 <c>miroir_idempotency_key_reused</c>.</summary>
    Conflict,
}
