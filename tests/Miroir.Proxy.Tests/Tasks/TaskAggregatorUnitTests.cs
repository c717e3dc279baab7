using System.Text;
using System.Text.Json;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Tests.Tasks;

public sealed class TaskAggregatorUnitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static MiroirTask Task(int nodes, byte[]? details = null, int copies = 0) =>
        new(7, "idx", "documentAdditionOrUpdate", T0, details, copies, Enumerable.Range(0, nodes).Select(i => new NodeTaskRef($"n{i}", i)).ToArray());

    private static void Set(NodeTaskRef r, string status, int startedSec = 1, int finishedSec = 2, string? details = null, string? error = null)
    {
        r.StartedAt = status == TaskStatusNames.Enqueued ? null : T0.AddSeconds(startedSec);
        r.FinishedAt = TaskStatusNames.IsFinished(status) ? T0.AddSeconds(finishedSec) : null;
        r.Details = details is null ? null : Encoding.UTF8.GetBytes(details);
        r.Error = error is null ? null : Encoding.UTF8.GetBytes(error);
        r.Status = status;
    }

    [Fact]
    public void Recompute_NoNodeStarted_StaysEnqueued()
    {
        var task = Task(2);
        Assert.False(TaskAggregator.Recompute(task, T0));
        Assert.Equal(TaskStatusNames.Enqueued, task.Status);
        Assert.Null(task.StartedAt);
    }

    [Fact]
    public void Recompute_OneSucceededOneEnqueued_IsProcessing()
    {
        var task = Task(2);
        Set(task.NodeTasks[0], TaskStatusNames.Succeeded);
        Assert.False(TaskAggregator.Recompute(task, T0));
        Assert.Equal(TaskStatusNames.Processing, task.Status);
        Assert.Equal(T0.AddSeconds(1), task.StartedAt);
    }

    [Fact]
    public void Recompute_AllSucceeded_SucceededWithEarliestStartLatestFinishAndIndexedCount()
    {
        var task = Task(2, TaskDetails.Documents(5));
        Set(task.NodeTasks[0], TaskStatusNames.Succeeded, 1, 3);
        Set(task.NodeTasks[1], TaskStatusNames.Succeeded, 2, 4);
        Assert.True(TaskAggregator.Recompute(task, T0));
        Assert.Equal(TaskStatusNames.Succeeded, task.Status);
        Assert.Equal(T0.AddSeconds(1), task.StartedAt);
        Assert.Equal(T0.AddSeconds(4), task.FinishedAt);
        using var details = JsonDocument.Parse(task.Details!);
        Assert.Equal(5, details.RootElement.GetProperty("indexedDocuments").GetInt32());
        Assert.False(TaskAggregator.Recompute(task, T0));
    }

    [Fact]
    public void Recompute_OneFailed_FailedWithThatNodesError()
    {
        var task = Task(3, TaskDetails.Documents(5));
        Set(task.NodeTasks[0], TaskStatusNames.Succeeded);
        Set(task.NodeTasks[1], TaskStatusNames.Failed, error: "{\"code\":\"boom\"}");
        Set(task.NodeTasks[2], TaskStatusNames.Canceled);
        Assert.True(TaskAggregator.Recompute(task, T0));
        Assert.Equal(TaskStatusNames.Failed, task.Status);
        Assert.Equal("{\"code\":\"boom\"}", Encoding.UTF8.GetString(task.Error!));
        using var details = JsonDocument.Parse(task.Details!);
        Assert.Equal(0, details.RootElement.GetProperty("indexedDocuments").GetInt32());
    }

    [Fact]
    public void Recompute_OneCanceled_CanceledByTheCancelationTask()
    {
        var task = Task(2);
        task.CancelRequestedBy = 42;
        Set(task.NodeTasks[0], TaskStatusNames.Succeeded);
        Set(task.NodeTasks[1], TaskStatusNames.Canceled);
        Assert.True(TaskAggregator.Recompute(task, T0));
        Assert.Equal(TaskStatusNames.Canceled, task.Status);
        Assert.Equal(42, task.CanceledBy);
    }

    [Fact]
    public void Recompute_DeletionOverCopies_CountsEachDocumentOnce()
    {
        var enqueued = Encoding.UTF8.GetBytes("{\"providedIds\":3,\"deletedDocuments\":null}");
        var task = Task(3, enqueued, copies: 2);
        Set(task.NodeTasks[0], TaskStatusNames.Succeeded, details: "{\"providedIds\":2,\"deletedDocuments\":2}");
        Set(task.NodeTasks[1], TaskStatusNames.Succeeded, details: "{\"providedIds\":3,\"deletedDocuments\":3}");
        Set(task.NodeTasks[2], TaskStatusNames.Succeeded, details: "{\"providedIds\":1,\"deletedDocuments\":1}");
        Assert.True(TaskAggregator.Recompute(task, T0));
        using var details = JsonDocument.Parse(task.Details!);
        Assert.Equal(3, details.RootElement.GetProperty("providedIds").GetInt32());
        Assert.Equal(3, details.RootElement.GetProperty("deletedDocuments").GetInt32());
    }

    [Fact]
    public void Recompute_NoNodeTasks_SucceedsAtOnce()
    {
        var task = Task(0);
        Assert.True(TaskAggregator.Recompute(task, T0));
        Assert.Equal(TaskStatusNames.Succeeded, task.Status);
        Assert.Equal(T0, task.FinishedAt);
    }

    [Fact]
    public void Recompute_OneSucceededOneGivenUp_SucceededWithoutWaiting()
    {
        var task = Task(2);
        Set(task.NodeTasks[0], TaskStatusNames.Succeeded);
        task.NodeTasks[1].GivenUp = true; // its node died while enqueued
        Assert.True(TaskAggregator.Recompute(task, T0.AddSeconds(5)));
        Assert.Equal(TaskStatusNames.Succeeded, task.Status);
        Assert.Equal(T0.AddSeconds(2), task.FinishedAt);
    }

    [Fact]
    public void Recompute_GivenUpWithQuorumLost_FailedWithOrchestratorError()
    {
        var task = Task(2);
        Set(task.NodeTasks[0], TaskStatusNames.Succeeded);
        task.NodeTasks[1].GivenUp = true;
        task.OrchestratorError = Encoding.UTF8.GetBytes("{\"code\":\"miroir_no_quorum\"}");
        Assert.True(TaskAggregator.Recompute(task, T0.AddSeconds(5)));
        Assert.Equal(TaskStatusNames.Failed, task.Status);
        Assert.Equal("miroir_no_quorum", JsonDocument.Parse(task.Error!).RootElement.GetProperty("code").GetString());
    }
}
