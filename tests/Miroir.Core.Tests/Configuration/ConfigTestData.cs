namespace Miroir.Core.Tests.Configuration;

/// <summary>A valid baseline miroir.yaml that tests mutate one key at a time.</summary>
internal static class ConfigTestData
{
    public const string ThreeNodes = """
        nodes:
          - { id: n1, address: http://127.0.0.1:7701 }
          - { id: n2, address: http://127.0.0.1:7702 }
          - { id: n3, address: http://127.0.0.1:7703 }
        """;

    public static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();
}
