using System.Text;
using System.Text.Json;
using Miroir.Proxy.Batches;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Tests.Batches;

/// <summary>Which tasks are batches: only started ones (an enqueued task has <c>batchUid: null</c> and no batch).</summary>
public sealed class BatchSelectionUnitTests
{
    [Fact]
    public void HasBatch_EnqueuedTask_FalseUntilStarted()
    {
        var task = new MiroirTask(7, "a", "indexCreation", DateTimeOffset.UnixEpoch, null, 0, [new NodeTaskRef("n1", 1)]);
        Assert.False(BatchJson.HasBatch(task));

        task.Status = TaskStatusNames.Processing;
        task.StartedAt = DateTimeOffset.UnixEpoch.AddSeconds(1);

        Assert.True(BatchJson.HasBatch(task));
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer))
        {
            BatchJson.WriteBatch(w, task);
        }

        using var batch = JsonDocument.Parse(Encoding.UTF8.GetString(buffer.WrittenSpan));
        Assert.Equal(7, batch.RootElement.GetProperty("uid").GetInt64());
        Assert.Equal(1, batch.RootElement.GetProperty("stats").GetProperty("status").GetProperty("processing").GetInt32());
        Assert.Equal(JsonValueKind.Object, batch.RootElement.GetProperty("details").ValueKind);
        Assert.Equal(JsonValueKind.Null, batch.RootElement.GetProperty("duration").ValueKind);
        Assert.Equal("1970-01-01T00:00:01.000000000Z", batch.RootElement.GetProperty("startedAt").GetString());
        Assert.Equal(JsonValueKind.Null, batch.RootElement.GetProperty("finishedAt").ValueKind);
    }
}
