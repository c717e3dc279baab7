using System.Text.Json.Serialization;

namespace Miroir.Engine.Node;

/// <summary>Source-generated JSON for the few typed values the node serialises.</summary>
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(long[]))]
internal sealed partial class NodeJsonContext : JsonSerializerContext;
