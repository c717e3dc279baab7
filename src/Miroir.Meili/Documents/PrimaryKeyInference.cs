using System.Text.Json;
using Miroir.Meili.Errors;

namespace Miroir.Meili.Documents;

/// <summary>
/// Infers an index's primary key from its first document: the single top-level field whose
/// name ends with <c>id</c> (any case), as Meilisearch does.
/// </summary>
public static class PrimaryKeyInference
{
    /// <summary>Returns the inferred key or throws the Meilisearch inference error.</summary>
    public static string Infer(ReadOnlySpan<byte> documentJson)
    {
        var candidates = new List<string>(2);
        var reader = new Utf8JsonReader(documentJson);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            if (name.EndsWith("id", StringComparison.OrdinalIgnoreCase))
            {
                candidates.Add(name);
            }

            reader.Read();
            reader.Skip();
        }

        return candidates.Count switch
        {
            1 => candidates[0],
            0 => throw new MeiliException(
                ErrorCode.IndexPrimaryKeyNoCandidateFound,
                "The primary key inference failed as the engine did not find any field ending with `id` in its name. Please specify the primary key manually using the `primaryKey` query parameter."),
            _ => throw new MeiliException(
                ErrorCode.IndexPrimaryKeyMultipleCandidatesFound,
                $"The primary key inference failed as the engine found {candidates.Count} fields ending with `id` in their names: '{candidates[0]}' and '{candidates[1]}'. Please specify the primary key manually using the `primaryKey` query parameter."),
        };
    }
}
