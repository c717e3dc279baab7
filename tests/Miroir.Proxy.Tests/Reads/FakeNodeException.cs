namespace Miroir.Proxy.Tests.Reads;

/// <summary>A Meilisearch-shaped error the fake node answers with.</summary>
internal sealed class FakeNodeException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;
}
