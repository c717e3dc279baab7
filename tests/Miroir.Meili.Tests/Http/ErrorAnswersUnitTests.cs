using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Miroir.Meili.Errors;
using Miroir.Meili.Http;

namespace Miroir.Meili.Tests.Http;

/// <summary>The error answers node and orchestrator share: which failures are the client's, and the error object's shape.</summary>
public sealed class ErrorAnswersUnitTests
{
    public static TheoryData<string, int, string> ClientErrors => new()
    {
        { "meili", 404, "index_not_found" },
        { "too-large", 413, "payload_too_large" },
        { "bad-request", 400, "bad_request" },
        { "json", 400, "bad_request" },
        { "utf8", 400, "malformed_payload" },
    };

    private static Exception Failure(string kind) => kind switch
    {
        "meili" => new MeiliException(ErrorCode.IndexNotFound, "Index `movies` not found."),
        "too-large" => new BadHttpRequestException("too large", StatusCodes.Status413PayloadTooLarge),
        "bad-request" => new BadHttpRequestException("Unexpected end of request content."),
        "json" => new JsonException("'x' is an invalid start of a value."),
        _ => new InvalidOperationException("Cannot transcode", new DecoderFallbackException("bad byte")),
    };

    [Theory]
    [MemberData(nameof(ClientErrors))]
    public async Task ClientError_AnsweredWithItsCodeStatusAndLink(string kind, int status, string code)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();

        var answer = ErrorAnswers.ForClientError(context, Failure(kind));
        Assert.NotNull(answer);
        await ErrorAnswers.WriteAsync(context, answer.Value);

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        using var body = JsonDocument.Parse(((MemoryStream)context.Response.Body).ToArray());
        Assert.Equal(["message", "code", "type", "link"], body.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(code, body.RootElement.GetProperty("code").GetString());
        Assert.Equal("https://docs.meilisearch.com/errors#" + code, body.RootElement.GetProperty("link").GetString());
    }

    [Fact]
    public void UnexpectedFailure_NotAClientError_InternalWithItsMessage()
    {
        var failure = new InvalidOperationException("boom");

        Assert.Null(ErrorAnswers.ForClientError(new DefaultHttpContext(), failure));
        var answer = ErrorAnswers.Internal(failure);
        Assert.Equal((500, "internal", "internal", "boom"), (answer.Status, answer.Code, answer.Type, answer.Message));
    }

    [Fact]
    public void Handles_ResponseStarted_OnlyAClientThatLeft()
    {
        using var left = new CancellationTokenSource();
        var context = new DefaultHttpContext { RequestAborted = left.Token };
        context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new StartedResponse());

        Assert.False(ErrorAnswers.Handles(context, new InvalidOperationException("mid-answer")));
        Assert.False(ErrorAnswers.Handles(context, new OperationCanceledException()));
        left.Cancel();
        Assert.True(ErrorAnswers.Handles(context, new OperationCanceledException()));
    }

    [Fact]
    public void Json_TaskError_SameObjectAsTheAnswer()
    {
        var json = ErrorAnswers.Json(new ErrorAnswer(ErrorCode.Internal, "interrupted"));

        Assert.Equal("""{"message":"interrupted","code":"internal","type":"internal","link":"https://docs.meilisearch.com/errors#internal"}""", Encoding.UTF8.GetString(json));
    }

    private sealed class StartedResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }
}
