using System.Globalization;
using System.Text;

namespace Miroir.Proxy.Metrics;

/// <summary>
/// Prometheus text exposition format 0.0.4: <c># HELP</c>/<c># TYPE</c> lines, then
/// <c>name{label="value",...} number</c> per sample, label values escaped (<c>\\</c>, <c>\"</c>, <c>\n</c>).
/// Only scrapes use it, so it favours clarity over allocation.
/// </summary>
internal sealed class ExpositionWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly StringBuilder _text = new(4096);

    public void Header(MetricFamily family)
    {
        _text.Append("# HELP ").Append(family.Name).Append(' ');
        foreach (var c in family.Help)
        {
            _ = c switch
            {
                '\\' => _text.Append(@"\\"),
                '\n' => _text.Append(@"\n"),
                _ => _text.Append(c),
            };
        }

        _text.Append('\n').Append("# TYPE ").Append(family.Name).Append(' ').Append(family.Type).Append('\n');
    }

    /// <param name="extraLabel">A label appended after the family's own (<c>le</c> of histogram buckets).</param>
    public void Sample(string name, string? suffix, IReadOnlyList<string> labelNames, LabelValues values, double value,
        string? extraLabel = null, string? extraValue = null)
    {
        _text.Append(name).Append(suffix);
        if (labelNames.Count > 0 || extraLabel is not null)
        {
            _text.Append('{');
            var first = true;
            for (var i = 0; i < labelNames.Count; i++)
            {
                Label(labelNames[i], values[i] ?? "", ref first);
            }

            if (extraLabel is not null)
            {
                Label(extraLabel, extraValue ?? "", ref first);
            }

            _text.Append('}');
        }

        _text.Append(' ').Append(Format(value)).Append('\n');
    }

    public override string ToString() => _text.ToString();

    public static string Format(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        double.NaN => "NaN",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private void Label(string name, string value, ref bool first)
    {
        if (!first)
        {
            _text.Append(',');
        }

        first = false;
        _text.Append(name).Append("=\"");
        foreach (var c in value)
        {
            _ = c switch
            {
                '\\' => _text.Append(@"\\"),
                '"' => _text.Append("\\\""),
                '\n' => _text.Append(@"\n"),
                _ => _text.Append(c),
            };
        }

        _text.Append('"');
    }
}
