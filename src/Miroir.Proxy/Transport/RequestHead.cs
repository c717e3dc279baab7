using System.Buffers;
using System.Text;

namespace Miroir.Proxy.Transport;

/// <summary>Formats an HTTP/1.1 request head straight into the connection's pooled write buffer (no string, no array).</summary>
internal static class RequestHead
{
    /// <summary>Writes the head of <paramref name="request"/> and returns its length in bytes.</summary>
    public static int Write(IBufferWriter<byte> output, NodeEndpoint endpoint, in NodeRequest request)
    {
        var method = MethodBytes(request.Method);
        var path = request.PathAndQuery;
        var headers = request.Headers;
        var bodyLength = request.Body.Length;
        var sendsLength = bodyLength > 0 || request.ContentType is not null
            || request.Method == HttpMethod.Post || request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch;

        // An upper bound of the head's size, so it is written into one span without bounds checks per piece.
        var size = method.Length + 1 + endpoint.BasePath.Length + 1 + Encoding.UTF8.GetMaxByteCount(path.Length) + 11
            + endpoint.FixedHeaders.Length + (sendsLength ? 16 + 20 + 2 : 0)
            + (request.ContentType is { } type ? 14 + Encoding.UTF8.GetMaxByteCount(type.Length) + 2 : 0) + 2;
        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                if (name.AsSpan().ContainsAny('\r', '\n') || value.AsSpan().ContainsAny('\r', '\n'))
                {
                    throw new ArgumentException($"header `{name}` contains a line break", nameof(request));
                }

                size += Encoding.UTF8.GetMaxByteCount(name.Length) + 2 + Encoding.UTF8.GetMaxByteCount(value.Length) + 2;
            }
        }

        var span = output.GetSpan(size);
        var at = 0;
        Put(span, ref at, method);
        span[at++] = (byte)' ';
        Put(span, ref at, endpoint.BasePath);
        if (!path.StartsWith('/'))
        {
            span[at++] = (byte)'/';
        }

        at += Encoding.UTF8.GetBytes(path, span[at..]);
        Put(span, ref at, " HTTP/1.1\r\n"u8);
        Put(span, ref at, endpoint.FixedHeaders);
        if (sendsLength)
        {
            Put(span, ref at, "Content-Length: "u8);
            bodyLength.TryFormat(span[at..], out var digits);
            at += digits;
            Put(span, ref at, "\r\n"u8);
        }

        if (request.ContentType is { } contentType)
        {
            Put(span, ref at, "Content-Type: "u8);
            at += Encoding.UTF8.GetBytes(contentType, span[at..]);
            Put(span, ref at, "\r\n"u8);
        }

        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                at += Encoding.UTF8.GetBytes(name, span[at..]);
                Put(span, ref at, ": "u8);
                at += Encoding.UTF8.GetBytes(value, span[at..]);
                Put(span, ref at, "\r\n"u8);
            }
        }

        Put(span, ref at, "\r\n"u8);
        output.Advance(at);
        return at;
    }

    private static void Put(Span<byte> span, ref int at, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(span[at..]);
        at += bytes.Length;
    }

    private static ReadOnlySpan<byte> MethodBytes(HttpMethod method) => method.Method switch
    {
        "GET" => "GET"u8,
        "POST" => "POST"u8,
        "PUT" => "PUT"u8,
        "PATCH" => "PATCH"u8,
        "DELETE" => "DELETE"u8,
        "HEAD" => "HEAD"u8,
        _ => Encoding.ASCII.GetBytes(method.Method),
    };
}
