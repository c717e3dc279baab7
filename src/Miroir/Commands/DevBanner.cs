using System.Text;
using Miroir.Core.Configuration;

namespace Miroir.Commands;

/// <summary>The startup banner of <c>miroir dev</c>: where to connect, with which key, and a first request to try.</summary>
internal static class DevBanner
{
    public static string Text(string url, MiroirConfig config, IReadOnlyList<string> nodeUrls, string dataDirectory)
    {
        var auth = string.IsNullOrEmpty(config.MasterKey) ? "" : $" -H 'Authorization: Bearer {config.MasterKey}'";
        var text = new StringBuilder()
            .AppendLine()
            .AppendLine("  Miroir dev cluster is running")
            .AppendLine()
            .Append("  URL:         ").AppendLine(url)
            .Append("  Master key:  ").AppendLine(string.IsNullOrEmpty(config.MasterKey) ? "(none: the API is open)" : config.MasterKey)
            .Append("  Nodes:       ").AppendLine(string.Join(", ", nodeUrls))
            .Append("  Layout:      S ").Append(config.Shards).Append(", RF ").Append(config.ReplicationFactor)
            .Append(", ").Append(config.ReplicaGroups).AppendLine(" replica group(s)")
            .Append("  Data:        ").AppendLine(dataDirectory)
            .AppendLine()
            .AppendLine("  Try:")
            .Append("    curl -X POST '").Append(url).Append("/indexes/movies/documents?primaryKey=id'").Append(auth)
            .AppendLine(" -H 'Content-Type: application/json' --data '[{\"id\":1,\"title\":\"Carol\"}]'")
            .Append("    curl '").Append(url).Append("/indexes/movies/documents/1'").AppendLine(auth)
            .AppendLine()
            .AppendLine("  Ctrl+C stops everything.");
        return text.ToString();
    }
}
