using Microsoft.AspNetCore.Http;
using Miroir.Proxy.Http;
using Miroir.Proxy.Nodes;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Writes;

/// <summary>Answers a write with its Miroir task (202) and <see cref="DegradedHeader"/> when some copy or group missed it.</summary>
internal static class TaskAnswers
{
    public static Task AcceptedAsync(HttpContext ctx, MiroirTask task, WriteQuorum? quorum = null, IReadOnlyList<NodeClient>? nodes = null)
    {
        if (quorum is not null && nodes is not null && DegradedHeader.Format(quorum, nodes) is { Length: > 0 } degraded)
        {
            ctx.Response.Headers[DegradedHeader.Name] = degraded;
        }

        return JsonOut.WriteAsync(ctx, 202, task, TaskJson.WriteSummary);
    }
}
