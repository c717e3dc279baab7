using Miroir.Proxy.Reads;

namespace Miroir.Proxy.Tests.Reads.Tail;

/// <summary>The per-node statistics behind hedging and adaptive selection, and the process-wide hedge budget.</summary>
public sealed class NodeLoadUnitTests
{
    [Fact]
    public void P95_FewerThanEightAnswers_None()
    {
        var load = new NodeLoad();
        for (var i = 0; i < 7; i++)
        {
            load.Answered(5);
        }

        Assert.Null(load.P95Ms);
        load.Answered(5);
        Assert.Equal(5, load.P95Ms);
    }

    [Fact]
    public void P95_OneToNinetySix_NinetySecond()
    {
        // 96 answers: a multiple of the 8 answers between recomputations, so the value is current.
        var load = new NodeLoad();
        foreach (var ms in Enumerable.Range(1, 96).Reverse())
        {
            load.Answered(ms);
        }

        Assert.Equal(92, load.P95Ms);
    }

    [Fact]
    public void P95_WindowSlides_OldAnswersForgotten()
    {
        var load = new NodeLoad();
        for (var i = 0; i < 128; i++)
        {
            load.Answered(500);
        }

        for (var i = 0; i < 128; i++)
        {
            load.Answered(2);
        }

        Assert.Equal(2, load.P95Ms);
    }

    [Fact]
    public void Rank_SlowAnswersAndInFlight_Grow()
    {
        var (fast, slow) = (new NodeLoad(), new NodeLoad());
        fast.Answered(2);
        slow.Answered(2);
        slow.Answered(200);

        Assert.True(slow.Rank(10) > 20 * fast.Rank(10));
        var idle = fast.Rank(10);
        fast.Enter();
        Assert.Equal(8 * idle, fast.Rank(10), 6);
        fast.Exit();
        Assert.Equal(idle, fast.Rank(10), 6);
    }

    [Fact]
    public void Failed_RaisesErrorRateAndRank_AnswersLowerItAgain()
    {
        var load = new NodeLoad();
        load.Answered(4);
        var healthy = load.Rank(10);
        load.Failed();
        load.Failed();

        Assert.InRange(load.ErrorRate, 0.5, 0.52);
        Assert.True(load.Rank(10) > 5 * healthy);
        Assert.Equal(4, load.ResponseMs);
        for (var i = 0; i < 20; i++)
        {
            load.Answered(4);
        }

        Assert.True(load.Rank(10) < 1.01 * healthy);
    }

    [Fact]
    public void Abandoned_RaisesResponseTimeButNotP95()
    {
        var load = new NodeLoad();
        for (var i = 0; i < 8; i++)
        {
            load.Answered(10);
        }

        load.Abandoned(20);
        load.Abandoned(20);

        Assert.Equal(22, load.ResponseMs, 6);
        Assert.Equal(10, load.P95Ms);
    }

    [Fact]
    public void HedgeBudget_SpendsSavingsThenOnlyWhatReadsEarn()
    {
        var budget = new HedgeBudget();
        var spent = 0;
        while (budget.TrySpend())
        {
            spent++;
        }

        Assert.Equal(10, spent);
        for (var i = 0; i < 19; i++)
        {
            budget.Earn(10);
        }

        Assert.True(budget.TrySpend());
        Assert.False(budget.TrySpend());
        budget.Earn(0);
        Assert.False(budget.TrySpend());
    }
}
