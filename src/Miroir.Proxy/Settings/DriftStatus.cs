namespace Miroir.Proxy.Settings;

/// <summary>The <c>status</c> values of the drift view (<c>GET /_miroir/settings/drift</c>), per index and per node.</summary>
internal static class DriftStatus
{
    /// <summary>Index: every node answered with the committed settings. Node: holds them.</summary>
    public const string InSync = "in_sync";

    /// <summary>Holds other settings, not repaired (<c>auto_repair: false</c>, or a change started meanwhile).</summary>
    public const string Drifted = "drifted";

    /// <summary>Held other settings; the committed ones were put back and read back.</summary>
    public const string Repaired = "repaired";

    /// <summary>Held other settings and still does after every repair attempt.</summary>
    public const string Unrepairable = "unrepairable";

    /// <summary>Index: never verified through Miroir and no strict majority of its nodes agrees, so nothing to compare with. Node: answered, but there is no reference.</summary>
    public const string NoReference = "no_reference";

    /// <summary>Index only: a settings change or the index creation is in flight; checked next pass.</summary>
    public const string Busy = "busy";

    /// <summary>Node only: could not be reached; checked again next pass.</summary>
    public const string Unreachable = "unreachable";

    /// <summary>Node only: does not have the index.</summary>
    public const string Missing = "missing";

    /// <summary>Node only: answered the settings read with an error.</summary>
    public const string Error = "error";
}
