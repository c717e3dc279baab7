namespace Miroir.Proxy.Routing;

/// <summary>Splits CSV text into cells (RFC 4180 quoting, LF or CRLF line ends).</summary>
internal ref struct CsvLexer
{
    private readonly ReadOnlySpan<byte> _csv;
    private readonly byte _delimiter;
    private int _position;

    public CsvLexer(ReadOnlySpan<byte> csv, byte delimiter)
    {
        _csv = csv;
        _delimiter = delimiter;
    }

    public readonly bool HasMore => _position < _csv.Length;

    /// <summary>Consumes an empty line (LF or CRLF) if one starts here.</summary>
    public bool SkipBlankLine()
    {
        if (_csv[_position] == '\n')
        {
            _position++;
            return true;
        }

        if (_csv[_position] == '\r' && _position + 1 < _csv.Length && _csv[_position + 1] == '\n')
        {
            _position += 2;
            return true;
        }

        return false;
    }

    /// <summary>Reads one cell into <paramref name="cell"/>; returns true when it ended its row.</summary>
    public bool ReadCell(PooledBufferWriter cell)
    {
        if (_position < _csv.Length && _csv[_position] == '"')
        {
            _position++;
            while (true)
            {
                var rest = _csv[_position..];
                var quote = rest.IndexOf((byte)'"');
                if (quote < 0)
                {
                    throw DocumentRoutingException.MalformedJson("csv", "CSV error: unterminated quoted field");
                }

                cell.Write(rest[..quote]);
                _position += quote + 1;
                if (_position < _csv.Length && _csv[_position] == '"')
                {
                    cell.Write((byte)'"');
                    _position++;
                    continue;
                }

                break;
            }
        }

        var start = _position;
        var remaining = _csv[_position..];
        var stop = remaining.IndexOfAny(_delimiter, (byte)'\n');
        if (stop < 0)
        {
            stop = remaining.Length;
        }

        var tail = remaining[..stop];
        _position = start + stop;
        var endOfRow = _position >= _csv.Length || _csv[_position] == '\n';
        if (endOfRow && tail.Length > 0 && tail[^1] == '\r')
        {
            tail = tail[..^1];
        }

        cell.Write(tail);
        if (_position < _csv.Length)
        {
            _position++;
        }

        return endOfRow;
    }
}
