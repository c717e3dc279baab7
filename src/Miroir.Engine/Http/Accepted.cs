using Microsoft.AspNetCore.Http;
using Miroir.Engine.Tasks;

namespace Miroir.Engine.Http;

/// <summary>The 202 answer to every write: the summarized task.</summary>
internal static class Accepted
{
    public static Task WriteAsync(HttpContext context, EngineTask task) =>
        JsonResponse.WriteAsync(context, StatusCodes.Status202Accepted, task, TaskJson.WriteSummary);
}
