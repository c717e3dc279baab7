using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging;
using Miroir.Meili.Errors;
using Miroir.Engine.Tests.Http;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Tests.Server;

public sealed class ProxyErrorsUnitTests
{
    private const string Key = "secret-api-key-0123456789";
    private const string Document = "secret-document-body";

    private static DefaultHttpContext Request(string method, string path, string template)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Path = path;
        context.Request.QueryString = new QueryString("?primaryKey=id");
        context.Request.Headers.Authorization = "Bearer " + Key;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes("[{\"id\":1,\"t\":\"" + Document + "\"}]"));
        context.Response.Body = new MemoryStream();
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(template), 0, null, null));
        return context;
    }

    [Fact]
    public async Task UnexpectedException_LoggedOnceAtErrorWithRouteAndNoKeyNorBody()
    {
        var logger = new CapturingLogger();
        var context = Request("POST", "/indexes/movies/documents", "/indexes/{uid}/documents");

        await ProxyErrors.WriteAsync(context, new InvalidOperationException("boom"), logger);

        Assert.Equal(500, context.Response.StatusCode);
        var record = Assert.Single(logger.Records);
        Assert.Equal(LogLevel.Error, record.Level);
        Assert.Equal("UnhandledRequestFailure", record.Id.Name);
        Assert.Contains("POST /indexes/{uid}/documents", record.Message, StringComparison.Ordinal);
        var everything = record.Message + record.Exception;
        Assert.DoesNotContain(Key, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Document, everything, StringComparison.Ordinal);
        Assert.DoesNotContain("primaryKey", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientError_AnsweredWithoutLogLine()
    {
        var logger = new CapturingLogger();
        var context = Request("GET", "/indexes/movies", "/indexes/{uid}");

        await ProxyErrors.WriteAsync(context, new MeiliException(ErrorCode.IndexNotFound, "Index `movies` not found."), logger);

        Assert.Equal(404, context.Response.StatusCode);
        Assert.Empty(logger.Records);
    }

    [Fact]
    public async Task OrchestratorError_AnsweredWithItsOwnCodeAndStatus()
    {
        var logger = new CapturingLogger();
        var context = Request("POST", "/indexes/movies/documents", "/indexes/{uid}/documents");

        await ProxyErrors.WriteAsync(context, new ProxyException("miroir_no_quorum", "system", 503, "No quorum."), logger);

        Assert.Equal(503, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var body = System.Text.Json.JsonDocument.Parse(context.Response.Body);
        Assert.Equal("miroir_no_quorum", body.RootElement.GetProperty("code").GetString());
        Assert.Equal("https://docs.meilisearch.com/errors#miroir_no_quorum", body.RootElement.GetProperty("link").GetString());
        Assert.Empty(logger.Records);
    }
}
