using System.Text.Json;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// The finisher of a task cancelation: once the nodes' cancelations finished, waits for the matched Miroir tasks to
/// finish too (they fold the same node states) and writes <c>details.canceledTasks</c>, the tasks it canceled.
/// </summary>
internal sealed class CanceledCounter(IReadOnlyList<MiroirTask> matched, TimeProvider time)
{
    /// <summary>A matched task on a node that cannot be reached never finishes; the count stops waiting for it.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(10);

    private DateTimeOffset? _waitingSince;

    public Task<bool> CountAsync(MiroirTask cancelation)
    {
        var now = time.GetUtcNow();
        _waitingSince ??= now;
        if (matched.Any(t => !t.IsFinished) && now - _waitingSince < MaxWait)
        {
            return Task.FromResult(false);
        }

        var canceled = matched.Count(t => t.Status == TaskStatusNames.Canceled && t.CanceledBy == cancelation.Uid);
        lock (cancelation)
        {
            cancelation.Details = WithCount(cancelation.Details, canceled);
        }

        return Task.FromResult(true);
    }

    /// <summary>The enqueued details with the count in place of its null.</summary>
    private static byte[] WithCount(byte[]? details, int canceled)
    {
        using var document = JsonDocument.Parse(details ?? "{\"canceledTasks\":null}"u8.ToArray());
        return TaskDetails.Write((document, canceled), static (w, s) =>
        {
            w.WriteStartObject();
            foreach (var p in s.document.RootElement.EnumerateObject())
            {
                if (p.Name == "canceledTasks")
                {
                    w.WriteNumber(p.Name, s.canceled);
                }
                else
                {
                    p.WriteTo(w);
                }
            }

            w.WriteEndObject();
        });
    }
}
