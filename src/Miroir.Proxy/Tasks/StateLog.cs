using System.Buffers;
using System.Text.Json;
using Miroir.Storage.Log;

namespace Miroir.Proxy.Tasks;

/// <summary>
/// The orchestrator's durable state: one JSON object per record in an <see cref="AppendLog"/> under
/// <c>state.path</c>. Every record carries <c>"r"</c> (its kind); see <see cref="StateRecords"/>.
/// </summary>
internal sealed class StateLog : IAsyncDisposable
{
    private static readonly JsonWriterOptions WriterOptions = new() { SkipValidation = true };
    private readonly AppendLog _log;

    private StateLog(AppendLog log) => _log = log;

    public static StateLog Open(string directory)
    {
        Directory.CreateDirectory(directory);
        return new StateLog(AppendLog.Open(directory));
    }

    /// <summary>Calls <paramref name="apply"/> for every record, oldest first.</summary>
    public void Replay(Action<JsonElement> apply)
    {
        foreach (var record in _log.ReadFrom(0))
        {
            using var document = JsonDocument.Parse(record.Payload);
            apply(document.RootElement);
        }
    }

    /// <summary>Appends one record; completes when it is durable.</summary>
    public async Task AppendAsync<TState>(TState state, Action<Utf8JsonWriter, TState> write, CancellationToken cancellationToken = default)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer, state);
        }

        await _log.AppendAsync(buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _log.DisposeAsync();
}
