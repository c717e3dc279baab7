namespace Miroir.Proxy.Reads;

/// <summary>
/// The process-wide hedge allowance (<c>hedging.budget_percent</c>): every node read earns a fraction of a hedge, every
/// hedge spends one, so hedges stay a bounded share of the load even when every node is slow at once.
/// </summary>
internal sealed class HedgeBudget
{
    /// <summary>One hedge in milli-hedges.</summary>
    private const long One = 1000;

    /// <summary>Savings cap: a quiet spell does not buy an unbounded burst of hedges.</summary>
    private const long Cap = 10 * One;

    private long _balance = Cap;

    /// <summary>Credits one node request: <paramref name="percent"/> hedges per 100 requests.</summary>
    public void Earn(int percent)
    {
        if (percent <= 0 || Volatile.Read(ref _balance) >= Cap)
        {
            return;
        }

        var balance = Interlocked.Add(ref _balance, percent * One / 100);
        if (balance > Cap)
        {
            // Trim the overshoot of concurrent credits; a lost race only leaves the balance slightly high.
            Interlocked.CompareExchange(ref _balance, Cap, balance);
        }
    }

    /// <summary>Spends one hedge if the balance allows it.</summary>
    public bool TrySpend()
    {
        var balance = Volatile.Read(ref _balance);
        while (balance >= One)
        {
            var seen = Interlocked.CompareExchange(ref _balance, balance - One, balance);
            if (seen == balance)
            {
                return true;
            }

            balance = seen;
        }

        return false;
    }
}
