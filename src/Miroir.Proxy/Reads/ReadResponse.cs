using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace Miroir.Proxy.Reads;

/// <summary>Writes read responses: JSON bodies, Meilisearch error objects, the degraded header, node errors relayed.</summary>
internal static partial class ReadResponse
{
    public const string DegradedHeader = "X-Miroir-Degraded";

    public static async Task WriteJsonAsync(HttpContext ctx, int status, ReadOnlyMemory<byte> body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.BodyWriter.WriteAsync(body, ctx.RequestAborted).ConfigureAwait(false);
    }

    /// <summary><c>X-Miroir-Degraded: shards=3,7</c> (spec §4.7).</summary>
    public static void MarkDegraded(HttpContext ctx, int[] shards)
    {
        if (shards.Length > 0)
        {
            ctx.Response.Headers[DegradedHeader] = "shards=" + string.Join(',', shards);
        }
    }

    public static byte[] Error(string code, string type, string message)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("message"u8, message);
            writer.WriteString("code"u8, code);
            writer.WriteString("type"u8, type);
            writer.WriteString("link"u8, "https://docs.meilisearch.com/errors#" + code);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static Task IndexNotFoundAsync(HttpContext ctx, string uid) =>
        WriteJsonAsync(ctx, 404, Error("index_not_found", "invalid_request", $"Index `{uid}` not found."));

    public static byte[] ShardUnavailable(int[] shards) => Error("miroir_shard_unavailable", "system",
        $"No reachable replica for shard{(shards.Length == 1 ? "" : "s")} {string.Join(", ", shards)}.");

    public static Task ShardUnavailableAsync(HttpContext ctx, int[] shards) => WriteJsonAsync(ctx, 503, ShardUnavailable(shards));

    /// <summary><see cref="Scrub(byte[])"/> of a pooled node body, copied: the client's answer outlives the node's.</summary>
    public static byte[] Scrub(ReadOnlySequence<byte> nodeError) => Scrub(nodeError.ToArray());

    /// <summary>
    /// A node's own error body with any mention of the shard restriction taken out: clients must never see
    /// reserved fields, also not inside an error message (normally the unrestricted request is re-asked instead).
    /// </summary>
    public static byte[] Scrub(byte[] nodeError)
    {
        if (nodeError.AsSpan().IndexOf("_miroir_"u8) < 0)
        {
            return nodeError;
        }

        try
        {
            using var document = JsonDocument.Parse(nodeError);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String)
            {
                return Http.JsonBytes.Write((document.RootElement, ScrubMessage(message.GetString()!)), static (w, s) =>
                {
                    w.WriteStartObject();
                    foreach (var p in s.Item1.EnumerateObject())
                    {
                        if (p.Name == "message")
                        {
                            w.WriteString(p.Name, s.Item2);
                        }
                        else
                        {
                            p.WriteTo(w);
                        }
                    }

                    w.WriteEndObject();
                });
            }
        }
        catch (JsonException)
        {
            // Not an error object: scrubbed as text below.
        }

        return System.Text.Encoding.UTF8.GetBytes(ScrubMessage(System.Text.Encoding.UTF8.GetString(nodeError)));
    }

    /// <summary>
    /// Takes reserved fields out of a node's message: out of the "available filterable attributes" list (as if they
    /// were not filterable, which for a client they are not), and out of the shard restriction.
    /// </summary>
    private static string ScrubMessage(string text)
    {
        text = FilterableList().Replace(text, static m =>
        {
            var names = m.Groups[1].Value.Split(", ").Where(n => !Settings.ReservedSettings.IsReserved(n)).ToArray();
            return names.Length == 0
                ? "This index does not have configured filterable attributes."
                : "Available filterable attributes are: `" + string.Join(", ", names) + "`.";
        });
        return ReservedName().Replace(RestrictionPattern().Replace(text, ""), "a reserved field");
    }

    /// <summary>The same error object with <paramref name="prefix"/> put in front of its message (multi-search
    /// reports which query failed: <c>Inside `.queries[1]`: ...</c>).</summary>
    public static byte[] PrefixMessage(ReadOnlySpan<byte> error, string prefix)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(error.Length + prefix.Length + 16);
        try
        {
            var reader = new Utf8JsonReader(error);
            using var writer = new Utf8JsonWriter(buffer);
            reader.Read();
            writer.WriteStartObject();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isMessage = reader.ValueTextEquals("message"u8);
                var name = reader.GetString()!;
                reader.Read();
                var start = (int)reader.TokenStartIndex;
                reader.Skip();
                if (isMessage && reader.TokenType == JsonTokenType.String)
                {
                    writer.WriteString(name, prefix + reader.GetString());
                }
                else
                {
                    writer.WritePropertyName(name);
                    writer.WriteRawValue(error[start..(int)reader.BytesConsumed], skipInputValidation: true);
                }
            }

            writer.WriteEndObject();
        }
        catch (JsonException)
        {
            return error.ToArray();
        }

        return buffer.WrittenSpan.ToArray();
    }

    [GeneratedRegex(@"Available filterable attributes are: `([^`]*)`\.")]
    private static partial Regex FilterableList();

    [GeneratedRegex(@"_miroir_shard IN \[[0-9, ]*\]( AND )?")]
    private static partial Regex RestrictionPattern();

    [GeneratedRegex(@"`?_miroir_[A-Za-z_]*`?")]
    private static partial Regex ReservedName();
}
