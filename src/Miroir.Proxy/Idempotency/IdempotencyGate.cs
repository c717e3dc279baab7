using Microsoft.AspNetCore.Http;
using Miroir.Proxy.Http;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Idempotency;

/// <summary>
/// The middleware of spec §13.10 in front of every write route: a write carrying <c>Idempotency-Key</c> runs once.
/// The same key with the same request gets the recorded answer again (status and bytes, so the same task uid) with
/// <c>Idempotent-Replayed: true</c>; the same key with another request gets 409 <c>miroir_idempotency_key_reused</c>;
/// a request with a key still running waits for it. Only 2xx answers are recorded: a failed write frees its key.
/// </summary>
internal sealed class IdempotencyGate(IdempotencyKeys keys, IdempotencyMetrics metrics)
{
    public const string ReplayedHeader = "Idempotent-Replayed";

    public Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        // Requests without the header (almost all) pass without an async frame.
        return ctx.Request.Headers.TryGetValue(IdempotentRequest.Header, out var values) && IdempotentRequest.IsWrite(ctx.Request)
            ? RunAsync(ctx, next, IdempotentRequest.ValidKey(values))
            : next(ctx);
    }

    private async Task RunAsync(HttpContext ctx, RequestDelegate next, string key)
    {
        // The whole body is needed for the hash before anything runs; the route then reads it again from memory.
        var body = await RequestBody.ReadAsync(ctx).ConfigureAwait(false);
        var hash = IdempotentRequest.Hash(ctx.Request, body);
        ctx.Request.Body = new MemoryStream(body, writable: false);
        while (true)
        {
            switch (keys.Claim(key, hash, out var entry))
            {
                case IdempotencyClaim.Run:
                    metrics.Miss();
                    await ExecuteAsync(ctx, next, entry).ConfigureAwait(false);
                    return;
                case IdempotencyClaim.Replay:
                    metrics.Dedup();
                    ctx.Response.StatusCode = entry.Status;
                    ctx.Response.ContentType = "application/json";
                    ctx.Response.Headers[ReplayedHeader] = "true";
                    await ctx.Response.Body.WriteAsync(entry.Body, ctx.RequestAborted).ConfigureAwait(false);
                    return;
                case IdempotencyClaim.Wait:
                    await entry.Settled.WaitAsync(ctx.RequestAborted).ConfigureAwait(false);
                    continue;
                default:
                    metrics.Conflict();
                    throw MiroirErrors.IdempotencyKeyReused(key);
            }
        }
    }

    /// <summary>Runs the route with the key pending, its answer captured, recorded (2xx) or the key released, then sent.</summary>
    private async Task ExecuteAsync(HttpContext ctx, RequestDelegate next, IdempotencyEntry entry)
    {
        await keys.RecordPendingAsync(entry).ConfigureAwait(false);
        var response = ctx.Response;
        var client = response.Body;
        using var captured = new MemoryStream();
        response.Body = captured;
        var recorded = false;
        try
        {
            // Flows into every task this request registers (and ends with this frame).
            TaskOrigin.IdempotencyKey = entry.Key;
            await next(ctx).ConfigureAwait(false);
            await response.BodyWriter.FlushAsync(ctx.RequestAborted).ConfigureAwait(false);
            if (response.StatusCode is >= 200 and < 300)
            {
                await keys.CompleteAsync(entry, response.StatusCode, captured.ToArray()).ConfigureAwait(false);
                recorded = true;
            }
        }
        finally
        {
            response.Body = client;
            if (!recorded)
            {
                await keys.ReleaseAsync(entry).ConfigureAwait(false);
            }
        }

        captured.Position = 0;
        await captured.CopyToAsync(client, ctx.RequestAborted).ConfigureAwait(false);
    }
}
