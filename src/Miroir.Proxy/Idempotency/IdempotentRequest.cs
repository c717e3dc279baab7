using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Miroir.Proxy.Http;

namespace Miroir.Proxy.Idempotency;

/// <summary>Which requests an <c>Idempotency-Key</c> applies to, what a valid key is, and the hash that tells two requests apart.</summary>
internal static class IdempotentRequest
{
    public const string Header = "Idempotency-Key";

    /// <summary>Longest accepted key: a UUID is 36; room for any client's scheme, not for payloads.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>
    /// Every method that changes state (POST, PUT, PATCH, DELETE) except the POSTs that only read:
    /// search, facet search, similar documents, document fetch and multi-search.
    /// </summary>
    public static bool IsWrite(HttpRequest request)
    {
        var method = request.Method;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method))
        {
            return false;
        }

        var path = request.Path.Value ?? "";
        return !(HttpMethods.IsPost(method)
            && (path.EndsWith("/search", StringComparison.Ordinal) || path.EndsWith("/facet-search", StringComparison.Ordinal)
                || path.EndsWith("/similar", StringComparison.Ordinal) || path.EndsWith("/documents/fetch", StringComparison.Ordinal)
                || path == "/multi-search"));
    }

    /// <summary>The key of one header value: 1 to <see cref="MaxKeyLength"/> visible ASCII characters, else 400 <c>miroir_invalid_idempotency_key</c>.</summary>
    public static string ValidKey(StringValues values)
    {
        if (values.Count != 1)
        {
            throw MiroirErrors.InvalidIdempotencyKey("The `Idempotency-Key` header must be sent once.");
        }

        var key = values[0] ?? "";
        if (key.Length is 0 or > MaxKeyLength || !key.All(c => c is > ' ' and <= '~'))
        {
            throw MiroirErrors.InvalidIdempotencyKey(
                $"The `Idempotency-Key` header must be 1 to {MaxKeyLength} visible ASCII characters (a UUID, for example).");
        }

        return key;
    }

    /// <summary>SHA-256 over method, path, query string and body: the same key with any other of these is a reuse.</summary>
    public static byte[] Hash(HttpRequest request, ReadOnlySpan<byte> body)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(request.Method + "\n" + request.Path.Value + "\n" + request.QueryString.Value + "\n"));
        sha.AppendData(body);
        return sha.GetHashAndReset();
    }
}
