using System.Buffers;

namespace Miroir.Meili.Documents;

/// <summary>
/// An RFC 4180 record reader over UTF-8 bytes: quoted fields, doubled quotes, CR/LF/CRLF line
/// ends, empty lines skipped (as the Rust <c>csv</c> crate Meilisearch uses does). Field bytes
/// are unescaped into one reusable scratch buffer, so reading allocates nothing per record.
/// </summary>
internal ref struct CsvRecordReader
{
    private readonly ReadOnlySpan<byte> _input;
    private readonly byte _delimiter;
    private readonly ArrayBufferWriter<byte> _scratch;
    private readonly List<Range> _fields;
    private int _position;
    private int _line = 1;

    public CsvRecordReader(ReadOnlySpan<byte> input, byte delimiter)
    {
        _input = input;
        _delimiter = delimiter;
        _scratch = new ArrayBufferWriter<byte>(256);
        _fields = new List<Range>(16);
        // Skip a UTF-8 byte order mark.
        _position = input.StartsWith("\uFEFF"u8) ? 3 : 0;
    }

    /// <summary>Number of fields of the current record.</summary>
    public readonly int FieldCount => _fields.Count;

    /// <summary>Byte offset where the current record starts.</summary>
    public int RecordStart { get; private set; }

    /// <summary>1-based line where the current record starts.</summary>
    public int RecordLine { get; private set; }

    public readonly ReadOnlySpan<byte> Field(int index) => _scratch.WrittenSpan[_fields[index]];

    /// <summary>Moves to the next non-empty record; false at the end of input.</summary>
    public bool Read()
    {
        _scratch.ResetWrittenCount();
        _fields.Clear();
        while (_position < _input.Length && (_input[_position] == '\n' || _input[_position] == '\r'))
        {
            if (_input[_position] == '\n')
            {
                _line++;
            }

            _position++;
        }

        if (_position >= _input.Length)
        {
            return false;
        }

        RecordStart = _position;
        RecordLine = _line;
        while (true)
        {
            var end = ReadField();
            if (end)
            {
                return true;
            }
        }
    }

    /// <summary>Reads one field; true when it ended the record.</summary>
    private bool ReadField()
    {
        var start = _scratch.WrittenCount;
        var quoted = false;
        if (_position < _input.Length && _input[_position] == '"')
        {
            quoted = true;
            _position++;
        }

        while (_position < _input.Length)
        {
            var b = _input[_position];
            if (quoted)
            {
                if (b == '"')
                {
                    if (_position + 1 < _input.Length && _input[_position + 1] == '"')
                    {
                        Append(b);
                        _position += 2;
                        continue;
                    }

                    // Closing quote: what follows up to the delimiter is kept verbatim.
                    quoted = false;
                    _position++;
                    continue;
                }

                if (b == '\n')
                {
                    _line++;
                }

                Append(b);
                _position++;
                continue;
            }

            if (b == _delimiter)
            {
                _position++;
                _fields.Add(new Range(start, _scratch.WrittenCount));
                return false;
            }

            if (b == '\n' || b == '\r')
            {
                _position += b == '\r' && _position + 1 < _input.Length && _input[_position + 1] == '\n' ? 2 : 1;
                _line++;
                break;
            }

            Append(b);
            _position++;
        }

        _fields.Add(new Range(start, _scratch.WrittenCount));
        return true;
    }

    private readonly void Append(byte b)
    {
        _scratch.GetSpan(1)[0] = b;
        _scratch.Advance(1);
    }
}
