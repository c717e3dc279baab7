using System.Net;
using System.Text;

namespace Miroir.Proxy.Transport;

/// <summary>A node's address taken apart once: where to connect, and the request-head bytes that never change.</summary>
internal sealed class NodeEndpoint
{
    private NodeEndpoint(EndPoint endPoint, byte[] basePath, byte[] fixedHeaders)
    {
        EndPoint = endPoint;
        BasePath = basePath;
        FixedHeaders = fixedHeaders;
    }

    public EndPoint EndPoint { get; }

    /// <summary>The address's path without its trailing slash (usually empty), prefixed to every request path.</summary>
    public byte[] BasePath { get; }

    /// <summary><c>Host</c>, <c>Authorization</c> and <c>Accept-Encoding</c> lines, each ending in CRLF.</summary>
    public byte[] FixedHeaders { get; }

    /// <param name="address">Such as <c>http://10.0.0.7:7700</c>; only plain HTTP is spoken.</param>
    public static NodeEndpoint Parse(string address, string? bearerToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new ArgumentException($"node address `{address}` is not an absolute http:// URI", nameof(address));
        }

        EndPoint endPoint = IPAddress.TryParse(uri.DnsSafeHost, out var ip) ? new IPEndPoint(ip, uri.Port) : new DnsEndPoint(uri.DnsSafeHost, uri.Port);
        var headers = new StringBuilder()
            .Append("Host: ").Append(uri.Authority).Append("\r\n")
            .Append("Accept-Encoding: identity\r\n");
        if (!string.IsNullOrEmpty(bearerToken))
        {
            headers.Append("Authorization: Bearer ").Append(bearerToken).Append("\r\n");
        }

        return new NodeEndpoint(endPoint, Encoding.UTF8.GetBytes(uri.AbsolutePath.TrimEnd('/')), Encoding.UTF8.GetBytes(headers.ToString()));
    }
}
