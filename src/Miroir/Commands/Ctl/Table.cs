using System.Text;

namespace Miroir.Commands.Ctl;

/// <summary>A plain text table: a header row and left-aligned columns padded to their widest cell.</summary>
internal sealed class Table(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells) => _rows.Add(cells);

    public int Count => _rows.Count;

    public override string ToString()
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        var line = new StringBuilder();
        foreach (var row in _rows.Prepend(headers))
        {
            line.Clear();
            for (var i = 0; i < row.Length; i++)
            {
                line.Append(row[i].PadRight(widths[i] + 2));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }

        return text.ToString().TrimEnd('\n');
    }
}
