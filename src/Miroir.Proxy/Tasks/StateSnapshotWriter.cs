using System.Buffers;
using System.Text.Json;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// Builds a state snapshot payload: one JSON record a line (<c>\n</c>-terminated; the writer never emits a raw
/// newline inside a record), headed by <c>{"r":"snapshot","version":1}</c>.
/// </summary>
internal sealed class StateSnapshotWriter
{
    public const int Version = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly Utf8JsonWriter _json;

    public StateSnapshotWriter()
    {
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
        Write(0, static (w, _) =>
        {
            w.WriteStartObject();
            w.WriteString("r", "snapshot");
            w.WriteNumber("version", Version);
            w.WriteEndObject();
        });
    }

    /// <summary>Records written so far, header included.</summary>
    public int Count { get; private set; }

    public ReadOnlyMemory<byte> Payload => _buffer.WrittenMemory;

    /// <summary>Appends one record (a JSON object with its kind in <c>"r"</c>).</summary>
    public void Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        write(_json, state);
        _json.Flush();
        _json.Reset();
        _buffer.Write("\n"u8);
        Count++;
    }
}
