namespace Miroir.Proxy.Idempotency;

/// <summary>
/// One <c>Idempotency-Key</c>: the request hash it was first used with and, once the request finished, its answer.
/// Pending while that request runs; requests with the same key wait on <see cref="Settled"/>.
/// </summary>
internal sealed class IdempotencyEntry(string key, byte[] hash, DateTimeOffset expiresAt, bool ownedHere)
{
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Key => key;

    /// <summary>SHA-256 of method, path, query and body of the first request (see <see cref="IdempotentRequest"/>).</summary>
    public byte[] Hash => hash;

    public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

    /// <summary>
    /// True while a request of this process runs under the key; false for a pending key replayed from the log
    /// (its request died with an earlier process).
    /// </summary>
    public bool OwnedHere => ownedHere;

    /// <summary>The recorded answer's status; 0 while pending.</summary>
    public int Status { get; private set; }

    /// <summary>The recorded answer's JSON body.</summary>
    public byte[] Body { get; private set; } = [];

    public bool IsPending => Status == 0;

    /// <summary>Its place in the store's age order (oldest first), for eviction.</summary>
    public LinkedListNode<IdempotencyEntry>? Age { get; set; }

    /// <summary>Completes when the key got an answer or was released.</summary>
    public Task Settled => _settled.Task;

    public void Answer(int status, byte[] body)
    {
        Body = body;
        Status = status;
    }

    public void Settle() => _settled.TrySetResult();
}
