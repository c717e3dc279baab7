namespace Miroir.Storage.CrashHelper;

/// <summary>The deterministic payload of (writer, seq), so the drill can check a record's every byte.</summary>
public static class CrashPayload
{
    public static byte[] Create(int writer, int seq)
    {
        var bytes = new byte[8 + (writer * 97 + seq * 31) % 500];
        BitConverter.TryWriteBytes(bytes, writer);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), seq);
        for (var i = 8; i < bytes.Length; i++)
            bytes[i] = (byte)(writer + seq * 7 + i);
        return bytes;
    }
}
