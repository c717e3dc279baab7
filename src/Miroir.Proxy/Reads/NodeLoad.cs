namespace Miroir.Proxy.Reads;

/// <summary>
/// What this orchestrator process saw of one node's reads: response time and error rate as EWMAs, requests in flight
/// and a rolling p95. Fed by every scatter request; read by replica selection (§13.3) and the hedge trigger (§13.2).
/// </summary>
internal sealed class NodeLoad
{
    /// <summary>EWMA factor per answer, as Elasticsearch's adaptive replica selection uses.</summary>
    private const double Alpha = 0.3;

    /// <summary>Answers the rolling p95 is taken over.</summary>
    private const int Window = 128;

    /// <summary>Answers needed before the node has a p95 (and may be hedged).</summary>
    private const int MinSamples = 8;

    /// <summary>The p95 is recomputed every this many answers, not on every one.</summary>
    private const int P95Every = 8;

    private readonly Lock _gate = new();
    private readonly double[] _window = new double[Window];
    private readonly double[] _sorted = new double[Window];
    private int _samples;
    private int _sinceP95;
    private double _p95Ms;
    private double _responseMs;
    private double _errorRate;
    private int _inFlight;

    /// <summary>EWMA of the node's response time in ms, including lower bounds from cancelled requests.</summary>
    public double ResponseMs => Volatile.Read(ref _responseMs);

    /// <summary>EWMA of failed answers (0..1): unreachable, timed out, 5xx.</summary>
    public double ErrorRate => Volatile.Read(ref _errorRate);

    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>The p95 of the last <see cref="Window"/> complete answers in ms, or null before <see cref="MinSamples"/> of them.</summary>
    public double? P95Ms
    {
        get
        {
            lock (_gate)
            {
                return _samples >= MinSamples ? _p95Ms : null;
            }
        }
    }

    /// <summary>
    /// The C3 rank Elasticsearch ships (spec 03 preamble): R − S + q̂³·S with q̂ = 1 + in-flight (one pod's view). Nodes
    /// do not report their service time S for every read, so S is taken as R: rank = q̂³·R, scaled up by the error rate.
    /// </summary>
    public double Rank(double errorWeight)
    {
        var q = 1.0 + InFlight;
        return q * q * q * ResponseMs * (1 + errorWeight * ErrorRate);
    }

    public void Enter() => Interlocked.Increment(ref _inFlight);

    public void Exit() => Interlocked.Decrement(ref _inFlight);

    /// <summary>A complete answer (a 2xx or 4xx): feeds the response-time EWMA and the p95 window.</summary>
    public void Answered(double ms)
    {
        lock (_gate)
        {
            _responseMs = _samples == 0 ? ms : _responseMs + Alpha * (ms - _responseMs);
            _errorRate -= Alpha * _errorRate;
            _window[_samples++ % Window] = ms;
            if (_samples >= MinSamples && (++_sinceP95 >= P95Every || _samples == MinSamples))
            {
                _sinceP95 = 0;
                var count = Math.Min(_samples, Window);
                Array.Copy(_window, _sorted, count);
                Array.Sort(_sorted, 0, count);
                _p95Ms = _sorted[(int)Math.Ceiling(count * 0.95) - 1];
            }

            if (_samples >= 2 * Window)
            {
                // Keep the ring index small without losing its position.
                _samples -= Window;
            }
        }
    }

    /// <summary>A failed request: only the error rate moves (a refused connection is fast, not a sign of speed).</summary>
    public void Failed()
    {
        lock (_gate)
        {
            _errorRate += Alpha * (1 - _errorRate);
        }
    }

    /// <summary>
    /// A request cancelled after <paramref name="ms"/> because another replica answered first. It would have taken at
    /// least that long; taking the residual as memoryless, its expected latency is <c>ms + R</c>, so the EWMA grows by
    /// α·ms: a node hedged again and again drifts out of the selection even though none of its answers completes.
    /// The p95 window is left alone (a censored sample would only ever push it up).
    /// </summary>
    public void Abandoned(double ms)
    {
        lock (_gate)
        {
            _responseMs += Alpha * ms;
        }
    }
}
