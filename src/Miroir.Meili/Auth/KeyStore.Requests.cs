using System.Globalization;
using System.Text.Json;
using Miroir.Meili.Errors;
using Miroir.Meili.Validation;

namespace Miroir.Meili.Auth;

/// <summary>Validation of POST /keys and PATCH /keys/{key} bodies, with Meilisearch's errors.</summary>
public sealed partial class KeyStore
{
    private static readonly string[] CreateFields = ["description", "name", "uid", "actions", "indexes", "expiresAt"];
    private static readonly string[] PatchFields = ["description", "name"];

    private static readonly string[] DateFormats =
        ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>Validates a POST /keys body into the mutation creating that key (not yet applied).</summary>
    public ApiKeyMutation CreateMutation(JsonElement body)
    {
        JsonValues.RequireObject(body, ErrorCode.BadRequest, "");
        string? name = null, description = null;
        Guid? uid = null;
        List<string>? actions = null, indexes = null;
        DateTimeOffset? expiresAt = null;
        var hasExpiresAt = false;
        foreach (var p in body.EnumerateObject())
        {
            var path = "." + p.Name;
            switch (p.Name)
            {
                case "description":
                    description = JsonValues.OptString(p.Value, ErrorCode.InvalidApiKeyDescription, path);
                    break;
                case "name":
                    name = JsonValues.OptString(p.Value, ErrorCode.InvalidApiKeyName, path);
                    break;
                case "uid":
                    var text = JsonValues.String(p.Value, ErrorCode.InvalidApiKeyUid, path);
                    uid = UuidText.TryParse(text, out var parsed, out var uuidError)
                        ? parsed
                        : throw DeserrErrors.Invalid(ErrorCode.InvalidApiKeyUid, path, uuidError);
                    break;
                case "actions":
                    actions = ReadActions(p.Value, path);
                    break;
                case "indexes":
                    indexes = ReadIndexes(p.Value, path);
                    break;
                case "expiresAt":
                    hasExpiresAt = true;
                    expiresAt = ReadExpiry(p.Value, path);
                    break;
                default:
                    throw DeserrErrors.UnknownField(ErrorCode.BadRequest, p.Name, CreateFields, "");
            }
        }

        if (actions is null)
        {
            throw DeserrErrors.Missing(ErrorCode.MissingApiKeyActions, "actions", "");
        }

        if (indexes is null)
        {
            throw DeserrErrors.Missing(ErrorCode.MissingApiKeyIndexes, "indexes", "");
        }

        if (!hasExpiresAt)
        {
            throw DeserrErrors.Missing(ErrorCode.MissingApiKeyExpiresAt, "expiresAt", "");
        }

        var key = new ApiKey
        {
            Uid = uid ?? Guid.NewGuid(),
            Name = name,
            Description = description,
            Actions = actions,
            Indexes = indexes,
            ExpiresAt = expiresAt,
            CreatedAt = _time.GetUtcNow(),
            UpdatedAt = _time.GetUtcNow(),
        };
        if (_snapshot.ByUid.ContainsKey(key.Uid))
        {
            throw new MeiliException(ErrorCode.ApiKeyAlreadyExists, $"`{key.Uid:D}` already exists.");
        }

        return new ApiKeyMutation(key);
    }

    /// <summary>Validates a PATCH /keys/{key_or_uid} body; only name and description may change.</summary>
    public ApiKeyMutation UpdateMutation(string keyOrUid, JsonElement body)
    {
        // The body is validated before the key is looked up, as in Meilisearch.
        JsonValues.RequireObject(body, ErrorCode.BadRequest, "");
        (bool Set, string? Value) name = default, description = default;
        foreach (var p in body.EnumerateObject())
        {
            switch (p.Name)
            {
                case "description":
                    description = (true, JsonValues.OptString(p.Value, ErrorCode.InvalidApiKeyDescription, ".description"));
                    break;
                case "name":
                    name = (true, JsonValues.OptString(p.Value, ErrorCode.InvalidApiKeyName, ".name"));
                    break;
                default:
                    throw ImmutableOrUnknown(p.Name);
            }
        }

        var key = Get(keyOrUid);
        return new ApiKeyMutation(key with
        {
            Name = name.Set ? name.Value : key.Name,
            Description = description.Set ? description.Value : key.Description,
            UpdatedAt = _time.GetUtcNow(),
        });
    }

    private static MeiliException ImmutableOrUnknown(string field)
    {
        var code = field switch
        {
            "uid" => ErrorCode.ImmutableApiKeyUid,
            "actions" => ErrorCode.ImmutableApiKeyActions,
            "indexes" => ErrorCode.ImmutableApiKeyIndexes,
            "expiresAt" => ErrorCode.ImmutableApiKeyExpiresAt,
            "createdAt" => ErrorCode.ImmutableApiKeyCreatedAt,
            "updatedAt" => ErrorCode.ImmutableApiKeyUpdatedAt,
            _ => null,
        };
        return code is null
            ? DeserrErrors.UnknownField(ErrorCode.BadRequest, field, PatchFields, "")
            : new MeiliException(code, $"Immutable field `{field}`: expected one of {DeserrErrors.Quoted(PatchFields)}");
    }

    private static List<string> ReadActions(JsonElement v, string path)
    {
        var actions = JsonValues.StringList(v, ErrorCode.InvalidApiKeyActions, path);
        for (var i = 0; i < actions.Count; i++)
        {
            if (!ApiKeyActions.IsKnown(actions[i]))
            {
                throw DeserrErrors.UnknownValue(ErrorCode.InvalidApiKeyActions, actions[i], $"{path}[{i}]", ApiKeyActions.Names);
            }
        }

        return actions;
    }

    private static List<string> ReadIndexes(JsonElement v, string path)
    {
        var indexes = JsonValues.StringList(v, ErrorCode.InvalidApiKeyIndexes, path);
        for (var i = 0; i < indexes.Count; i++)
        {
            if (!IndexPattern.IsValid(indexes[i]))
            {
                throw DeserrErrors.Invalid(
                    ErrorCode.InvalidApiKeyIndexes,
                    $"{path}[{i}]",
                    $"`{indexes[i]}` is not a valid index uid pattern. Index uid patterns can be an integer or a string containing only alphanumeric characters, hyphens (-), underscores (_), and optionally end with a star (*).");
            }
        }

        return indexes;
    }

    /// <summary>RFC 3339, <c>YYYY-MM-DD HH:MM:SS</c> or <c>YYYY-MM-DD</c> (UTC), strictly in the future; null never expires.</summary>
    private DateTimeOffset? ReadExpiry(JsonElement v, string path)
    {
        var text = JsonValues.OptString(v, ErrorCode.InvalidApiKeyExpiresAt, path);
        if (text is null)
        {
            return null;
        }

        var ok = text.Contains('T', StringComparison.Ordinal) && (text.EndsWith('Z') || text.LastIndexOfAny(['+', '-']) > 10)
            ? DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            : DateTimeOffset.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out date);
        if (ok && date > _time.GetUtcNow())
        {
            return date.ToUniversalTime();
        }

        throw DeserrErrors.Invalid(
            ErrorCode.InvalidApiKeyExpiresAt,
            path,
            $"`{text}` is not a valid date. It should follow the RFC 3339 format to represents a date or datetime in the future or specified as a null value. e.g. 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'.");
    }
}
