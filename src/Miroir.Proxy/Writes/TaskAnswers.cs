using Microsoft.AspNetCore.Http;
using Miroir.Proxy.Http;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Writes;

/// <summary>Answers a write with its Miroir task (202) and the degraded-groups header when some group missed quorum.</summary>
internal static class TaskAnswers
{
    public const string DegradedHeader = "X-Miroir-Degraded";

    public static Task AcceptedAsync(HttpContext ctx, MiroirTask task, int[]? degradedGroups = null)
    {
        if (degradedGroups is { Length: > 0 })
        {
            ctx.Response.Headers[DegradedHeader] = "groups=" + string.Join(',', degradedGroups);
        }

        return JsonOut.WriteAsync(ctx, 202, task, TaskJson.WriteSummary);
    }
}
