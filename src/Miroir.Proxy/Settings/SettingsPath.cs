namespace Miroir.Proxy.Settings;

/// <summary>The node path of an index's whole settings.</summary>
internal static class SettingsPath
{
    public static string Of(string uid) => "indexes/" + Uri.EscapeDataString(uid) + "/settings";
}
