using System.Text;

namespace Miroir.Core.Configuration;

/// <summary>The <c>admin</c> section: the <c>/_miroir/*</c> admin API.</summary>
public sealed record AdminConfig
{
    public bool Enabled { get; init; } = true;

    /// <summary>Admin key (<c>api_key</c>), env <c>MIROIR_ADMIN_API_KEY</c>.</summary>
    public string ApiKey { get; init; } = "";

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append("Enabled = ").Append(Enabled).Append(", ApiKey = ").Append(Redact.Secret(ApiKey));
        return true;
    }
}
