using System.Text;
using System.Text.Json;

namespace Miroir.Proxy.Tests.Reads;

/// <summary>Small HTTP/JSON helpers for the read-path tests.</summary>
internal static class ReadJson
{
    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostAsync(HttpClient client, string path, string json)
    {
        var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response, await BodyAsync(response));
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> GetAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response, await BodyAsync(response));
    }

    public static List<string> Ids(JsonElement body, string array = "hits") =>
        [.. body.GetProperty(array).EnumerateArray().Select(h => h.GetProperty("id").GetRawText())];

    /// <summary>Hits as runs of equal <c>_rankingScore</c>: order inside a run may legitimately differ between setups.</summary>
    public static List<(double Score, HashSet<string> Ids)> ScoreGroups(JsonElement body)
    {
        var groups = new List<(double, HashSet<string>)>();
        foreach (var hit in body.GetProperty("hits").EnumerateArray())
        {
            var score = hit.GetProperty("_rankingScore").GetDouble();
            if (groups.Count == 0 || groups[^1].Item1 != score)
            {
                groups.Add((score, []));
            }

            groups[^1].Item2.Add(hit.GetProperty("id").GetRawText());
        }

        return groups;
    }

    private static async Task<JsonElement> BodyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
