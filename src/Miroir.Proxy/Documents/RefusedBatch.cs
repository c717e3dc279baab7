using Microsoft.AspNetCore.Http;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Proxy.Routing;
using Miroir.Proxy.Tasks;

namespace Miroir.Proxy.Documents;

/// <summary>
/// A document batch Meilisearch accepts (202) but whose task then fails before anything is written: no primary key
/// candidate, or a document without its id. Miroir records the failed task (durable, like any other) and touches no node.
/// </summary>
internal static class RefusedBatch
{
    public static Task<MiroirTask> RegisterAsync(TaskStore tasks, string uid, int receivedDocuments, string code, string message)
    {
        var details = TaskDetails.Documents(receivedDocuments);
        var error = ErrorAnswers.Json(new ErrorAnswer(StatusCodes.Status400BadRequest, code, "invalid_request", message));
        return tasks.RegisterAsync(uid, "documentAdditionOrUpdate", details, 0, [], t => t.OrchestratorError = error);
    }

    /// <summary>The documents of a payload (for <c>details.receivedDocuments</c>); a malformed tail is not counted.</summary>
    public static int CountDocuments(ReadOnlySpan<byte> body, DocumentFormat format)
    {
        if (format != DocumentFormat.Json)
        {
            var lines = 0;
            foreach (var range in body.Split((byte)'\n'))
            {
                lines += body[range].Trim(" \t\r"u8).IsEmpty ? 0 : 1;
            }

            return format == DocumentFormat.Csv ? Math.Max(0, lines - 1) : lines;
        }

        var reader = new Utf8JsonReader(body);
        var count = 0;
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                return 1;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                reader.Skip();
                count++;
            }
        }
        catch (JsonException)
        {
            // counted so far
        }

        return count;
    }
}
