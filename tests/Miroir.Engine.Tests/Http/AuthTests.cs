using System.Net;
using Miroir.Engine.Tests.Node;

namespace Miroir.Engine.Tests.Http;

public sealed class AuthTests
{
    private const string MasterKey = "a-master-key-of-sixteen-bytes-or-more";

    [Fact]
    public async Task Auth_NoHeader_Returns401ButHealthIsOpen()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        using var anonymous = node.NewClient(null);
        var response = await anonymous.GetAsync("/indexes");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("missing_authorization_header", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Auth_WrongKey_Returns403()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        using var wrong = node.NewClient("wrong");
        var response = await wrong.GetAsync("/indexes");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("invalid_api_key", (await TestNode.JsonAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Auth_MasterKey_IsAccepted()
    {
        await using var node = await TestNode.StartAsync(MasterKey);
        Assert.Equal(HttpStatusCode.OK, (await node.Client.GetAsync("/indexes")).StatusCode);
    }
}
