using System.Buffers;

namespace Miroir.Proxy.Tests.Transport;

/// <summary>An array pool that counts what is rented and not yet returned, and refuses an array returned twice.</summary>
internal sealed class CountingArrayPool : ArrayPool<byte>
{
    private readonly HashSet<byte[]> _out = new(ReferenceEqualityComparer.Instance);

    public int Rents { get; private set; }

    public int Largest { get; private set; }

    public int Outstanding
    {
        get
        {
            lock (_out)
            {
                return _out.Count;
            }
        }
    }

    public override byte[] Rent(int minimumLength)
    {
        var array = Shared.Rent(minimumLength);
        lock (_out)
        {
            Rents++;
            Largest = Math.Max(Largest, array.Length);
            Assert.True(_out.Add(array), "an array still rented was handed out again");
        }

        return array;
    }

    public override void Return(byte[] array, bool clearArray = false)
    {
        lock (_out)
        {
            Assert.True(_out.Remove(array), "an array was returned twice or was never rented here");
        }

        Shared.Return(array, clearArray);
    }

    /// <summary>Waits briefly for buffers still held by connections being torn down on other threads.</summary>
    public async Task<int> SettledOutstandingAsync()
    {
        for (var i = 0; i < 50 && Outstanding > 0; i++)
        {
            await Task.Delay(20);
        }

        return Outstanding;
    }
}
