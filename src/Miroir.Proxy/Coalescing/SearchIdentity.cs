using System.Buffers.Binary;
using System.Text;

namespace Miroir.Proxy.Coalescing;

/// <summary>
/// What makes two searches the same for coalescing: the index, its settings version, the caller's
/// <c>Authorization</c> header (two API keys or tenant tokens never share an answer, even when their effective
/// filters agree) and the request as sent, byte for byte (POST body or GET query string, tenant filter already fused in).
/// </summary>
internal static class SearchIdentity
{
    public static byte[] Of(char form, string indexUid, long settingsVersion, string authorization, ReadOnlySpan<byte> request)
    {
        var uidLength = Encoding.UTF8.GetByteCount(indexUid);
        var authLength = Encoding.UTF8.GetByteCount(authorization);

        // form, uid length, uid, settings version, auth length, auth, request: lengths keep the parts apart.
        var identity = GC.AllocateUninitializedArray<byte>(1 + 4 + uidLength + 8 + 4 + authLength + request.Length);
        var span = identity.AsSpan();
        span[0] = (byte)form;
        BinaryPrimitives.WriteInt32LittleEndian(span[1..], uidLength);
        var at = 5 + Encoding.UTF8.GetBytes(indexUid, span[5..]);
        BinaryPrimitives.WriteInt64LittleEndian(span[at..], settingsVersion);
        BinaryPrimitives.WriteInt32LittleEndian(span[(at + 8)..], authLength);
        at += 12 + Encoding.UTF8.GetBytes(authorization, span[(at + 12)..]);
        request.CopyTo(span[at..]);
        return identity;
    }
}
