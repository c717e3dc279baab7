using System.Globalization;

namespace Miroir.Core.Configuration;

/// <summary>Parses schedules written <c>every 6h</c> (or just <c>6h</c>): a positive whole number and a unit of ms, s, m, h or d.</summary>
public static class ScheduleInterval
{
    public static bool TryParse(string? text, out TimeSpan interval)
    {
        interval = default;
        var span = text.AsSpan().Trim();
        if (span.StartsWith("every", StringComparison.OrdinalIgnoreCase))
        {
            span = span[5..].TrimStart();
        }

        var digits = 0;
        while (digits < span.Length && char.IsAsciiDigit(span[digits]))
        {
            digits++;
        }

        if (digits == 0 || !long.TryParse(span[..digits], NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount == 0)
        {
            return false;
        }

        var unit = span[digits..].Trim().ToString().ToLowerInvariant();
        long? ms = unit switch
        {
            "ms" => 1,
            "s" => 1000,
            "m" => 60_000,
            "h" => 3_600_000,
            "d" => 86_400_000,
            _ => null,
        };

        // Ten years is far beyond any sensible schedule and keeps the product inside TimeSpan.
        if (ms is null || amount > 315_360_000_000 / ms)
        {
            return false;
        }

        interval = TimeSpan.FromMilliseconds(amount * ms.Value);
        return true;
    }
}
