using System.Net;
using System.Net.Http.Headers;

namespace Miroir.Proxy.Tests.Documents;

/// <summary>A body sent with chunked transfer encoding (no Content-Length), flushed in small pieces.</summary>
internal sealed class ChunkedContent : HttpContent
{
    private readonly byte[] _bytes;

    public ChunkedContent(byte[] bytes, string contentType)
    {
        _bytes = bytes;
        Headers.ContentType = new MediaTypeHeaderValue(contentType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        for (var at = 0; at < _bytes.Length; at += 1000)
        {
            await stream.WriteAsync(_bytes.AsMemory(at, Math.Min(1000, _bytes.Length - at)));
            await stream.FlushAsync();
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
