using System.Collections.Concurrent;

namespace Miroir.Drills.Tests.Harness;

/// <summary>
/// Searches in a loop (a few clients, each back to back) while a drill breaks things, keeping every answer: the drill then
/// asserts none failed and reports the latencies.
/// </summary>
public sealed class SearchLoad : IAsyncDisposable
{
    private static readonly string[] Queries = ["game", "library", "python", "data", "server", "font", "tool", "gnome", "perl", "doc"];

    private readonly ConcurrentQueue<SearchAnswer> _answers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private SearchLoad(MiroirApi api, string index, int clients)
    {
        _loop = Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            for (var i = client; !_stop.IsCancellationRequested; i++)
            {
                _answers.Enqueue(await api.SearchAsync(index, Queries[i % Queries.Length]).ConfigureAwait(false));
                await Task.Delay(20).ConfigureAwait(false);
            }
        })));
    }

    public static SearchLoad Start(MiroirApi api, string index, int clients = 1) => new(api, index, clients);

    /// <summary>Stops the loop and returns every answer it got.</summary>
    public async Task<IReadOnlyList<SearchAnswer>> StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        return [.. _answers];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
