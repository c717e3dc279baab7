using System.Globalization;

namespace Miroir.Meili.Tasks;

/// <summary>Meilisearch's date and duration formats: RFC 3339 with nanoseconds and ISO-8601 durations.</summary>
public static class TaskTime
{
    /// <summary>UTC, nine fractional digits (.NET has 100 ns ticks, so the last two are zero).</summary>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture);

    /// <summary>For example <c>PT0.012345S</c> or <c>PT1M5.2S</c>.</summary>
    public static string FormatDuration(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
        {
            duration = TimeSpan.Zero;
        }
        var text = "PT";
        if (duration.TotalHours >= 1)
        {
            text += ((long)duration.TotalHours).ToString(CultureInfo.InvariantCulture) + "H";
        }
        if (duration.Minutes > 0)
        {
            text += duration.Minutes.ToString(CultureInfo.InvariantCulture) + "M";
        }
        var seconds = duration.Seconds + (duration.Ticks % TimeSpan.TicksPerSecond) / (double)TimeSpan.TicksPerSecond;
        return text + seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "S";
    }

    /// <summary>Parses a task date filter: RFC 3339 or a bare <c>YYYY-MM-DD</c> date (UTC midnight).</summary>
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        if (text.Length == 10 && DateTime.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date))
        {
            time = new DateTimeOffset(date, TimeSpan.Zero);
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time)
            && text.Contains('T', StringComparison.Ordinal);
    }

    /// <summary>
    /// Parses the value of a task date filter (<paramref name="name"/> is e.g. <c>beforeEnqueuedAt</c>): <c>*</c>
    /// means no bound (null); a bare date in a "before" filter means the end of that day, as in Meilisearch.
    /// </summary>
    public static bool TryParseFilter(string name, string text, out DateTimeOffset? bound)
    {
        bound = null;
        if (text == "*")
        {
            return true;
        }
        if (!TryParse(text, out var time))
        {
            return false;
        }
        bound = text.Length == 10 && name.StartsWith("before", StringComparison.Ordinal) ? time.AddDays(1) : time;
        return true;
    }
}
