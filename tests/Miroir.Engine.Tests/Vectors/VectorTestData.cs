using System.Text.Json;
using Miroir.Engine.Settings;
using Miroir.Engine.Vectors;

namespace Miroir.Engine.Tests.Vectors;

/// <summary>Helpers to build stores and JSON values for the vector tests.</summary>
internal static class VectorTestData
{
    public static VectorStore Store(int dimensions = 3, string name = "manual") =>
        new(new Dictionary<string, EmbedderSettings> { [name] = new() { Dimensions = dimensions } });

    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
