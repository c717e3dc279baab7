using System.Text.Json;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// One page of a uid-ordered listing (<c>/tasks</c>, <c>/batches</c>): the matches newest first (oldest
/// with <c>reverse</c>), starting at <c>from</c>, at most <c>limit</c>, and the uid that starts the next page.
/// </summary>
internal sealed class TaskPage
{
    private TaskPage(List<MiroirTask> items, int total, int limit, long? next)
    {
        Items = items;
        Total = total;
        Limit = limit;
        Next = next;
    }

    public List<MiroirTask> Items { get; }

    /// <summary>Every match, not only this page's.</summary>
    public int Total { get; }

    public int Limit { get; }

    public long? Next { get; }

    public static TaskPage Select(TaskStore tasks, TaskQuery query, Func<MiroirTask, bool>? also = null)
    {
        var ordered = query.Reverse ? tasks.Newest().Reverse() : tasks.Newest();
        var matching = ordered.Where(t => query.Matches(t) && (also is null || also(t))).ToList();
        var start = query.From is { } from
            ? matching.FindIndex(t => query.Reverse ? t.Uid >= from : t.Uid <= from)
            : 0;
        var items = start < 0 ? [] : matching.Skip(start).Take(query.Limit + 1).ToList();
        long? next = null;
        if (items.Count > query.Limit)
        {
            next = items[^1].Uid;
            items.RemoveAt(items.Count - 1);
        }

        return new TaskPage(items, matching.Count, query.Limit, next);
    }

    /// <summary>Writes <c>{results, total, limit, from, next}</c>, each item through <paramref name="writeItem"/>.</summary>
    public void Write(Utf8JsonWriter w, Action<Utf8JsonWriter, MiroirTask> writeItem)
    {
        w.WriteStartObject();
        w.WriteStartArray("results");
        foreach (var t in Items)
        {
            writeItem(w, t);
        }

        w.WriteEndArray();
        w.WriteNumber("total", Total);
        w.WriteNumber("limit", Limit);
        WriteUid(w, "from", Items.Count > 0 ? Items[0].Uid : null);
        WriteUid(w, "next", Next);
        w.WriteEndObject();
    }

    private static void WriteUid(Utf8JsonWriter w, string name, long? uid)
    {
        if (uid is { } u)
        {
            w.WriteNumber(name, u);
        }
        else
        {
            w.WriteNull(name);
        }
    }
}
