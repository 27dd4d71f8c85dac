using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using BulkResume.Internal.Diagnostics;
using BulkResume.Internal.Resilience;
using Microsoft.Extensions.Logging;

namespace BulkResume.Internal.Draining;

/// <summary>
/// Drains disjoint parts of a selection with up to a given number of requests in flight, and yields each page's values
/// as it completes.
/// </summary>
/// <remarks>
/// <para>A worker takes a part and follows the part's own cursor until the service has no cursor left; it never
/// re-queries a range it is still paging. When a part answers a full page, the splitter may cut it, given what the
/// other parts hold and how many workers are idle (<see cref="IPartSplitter"/>): the worker yields the page, then
/// abandons that part's cursor and goes on with the lowest piece; each piece starts from its own beginning, which is
/// safe because the entries taken so far have left the DLQ. Only a full page leads to a split, so the re-queries a split causes are bounded by the entries taken, even against a service that leaves some
/// of what it selects in place. The part holding the top of the selection (<see cref="DrainPart.HoldsTop"/>) passes
/// again after every other part is done, so the drain ends, like a cursor loop, on a request that finds nothing more.
/// After a <c>429</c> the drain keeps fewer requests in flight for a while (<see cref="InFlightLimit"/>).</para>
/// The first failure stops the drain between requests: no worker sends another (one waiting for a permit gives up), the
/// requests in flight are waited for (their pages are still yielded, so no answered page is lost), and then the
/// failure is thrown as <c>describeFailure</c> makes it of all the failures seen. A graceful stop does the same without
/// a failure: the enumeration then simply ends. Cancellation, or the consumer leaving, aborts the requests in flight
/// and drops the pages not yet consumed. At most as many pages as there are workers wait in the channel (and one more
/// per worker waits to enter it), so a slow consumer slows the drain instead of filling memory.
/// </remarks>
/// <typeparam name="T">What a page yields.</typeparam>
internal sealed class ConcurrentDrain<T>
{
    private readonly int _workers;
    private readonly IReadOnlyList<DrainPart> _initialParts;
    private readonly Func<DrainPart, string?, CancellationToken, Task<PartPage<T>>> _fetch;
    private readonly IPartSplitter? _splitter;
    private readonly InFlightLimit _inFlight;
    private readonly Func<IReadOnlyList<Exception>, Exception> _describeFailure;
    private readonly ILogger _logger;
    private readonly string _path;
    private readonly Channel<DrainPart> _parts = Channel.CreateUnbounded<DrainPart>();
    private readonly Channel<IReadOnlyList<T>> _pages;
    private readonly List<Exception> _failures = [];
    private readonly object _outstandingGate = new();

    /// <summary>The parts handed to workers or waiting for one, those done among them until the next look.</summary>
    private readonly HashSet<DrainPart> _active = [];
    private int _outstanding;
    private DrainPart? _parkedTop;
    private int _holding;
    private int _stopped;

    /// <param name="workers">How many requests to keep in flight, at least 2.</param>
    /// <param name="initialParts">Disjoint parts that together are the selection.</param>
    /// <param name="fetch">Sends the page of a part at the part's cursor (null: its first page).</param>
    /// <param name="splitter">Splits parts that answer full pages; null when parts can't be split.</param>
    /// <param name="rateLimits">The client's rate-limit pause: each pause that begins lowers the requests in flight.</param>
    /// <param name="describeFailure">The exception to throw, given every failure seen (the first first).</param>
    /// <param name="logger">Where splits are logged.</param>
    /// <param name="path">The operation's path, for the logs.</param>
    public ConcurrentDrain(
        int workers,
        IReadOnlyList<DrainPart> initialParts,
        Func<DrainPart, string?, CancellationToken, Task<PartPage<T>>> fetch,
        IPartSplitter? splitter,
        RateLimitGate rateLimits,
        Func<IReadOnlyList<Exception>, Exception> describeFailure,
        ILogger logger,
        string path)
    {
        _workers = workers;
        _initialParts = initialParts;
        _fetch = fetch;
        _splitter = splitter;
        _inFlight = new InFlightLimit(workers, rateLimits);
        _describeFailure = describeFailure;
        _logger = logger;
        _path = path;
        _pages = Channel.CreateBounded<IReadOnlyList<T>>(new BoundedChannelOptions(workers) { SingleReader = true });
    }

    private bool Stopped => Volatile.Read(ref _stopped) != 0;

    /// <summary>Runs the drain; a drain runs once.</summary>
    /// <param name="gracefulStop">Once signaled, no request is sent; those in flight are answered and yielded, then the drain ends.</param>
    /// <param name="cancellationToken">Aborts the requests in flight and ends the drain with an <see cref="OperationCanceledException"/>.</param>
    public async IAsyncEnumerable<IReadOnlyList<T>> RunAsync(CancellationToken gracefulStop, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _outstanding = _initialParts.Count;
        foreach (var part in _initialParts)
        {
            _active.Add(part);
            _parts.Writer.TryWrite(part);
        }

        if (_outstanding == 0)
        {
            _parts.Writer.TryComplete();
        }

        using var graceful = gracefulStop.Register(static drain => ((ConcurrentDrain<T>)drain!).StopSending(), this);

        if (!Stopped)
        {
            _splitter?.Start(stop.Token);
        }

        var workers = RunWorkersAsync(stop.Token);
        try
        {
            while (await _pages.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (_pages.Reader.TryRead(out var values))
                {
                    yield return values;
                }
            }
        }
        finally
        {
            // Normally every worker has ended here; when the consumer leaves or cancels, abort what is in flight.
            stop.Cancel();
            try
            {
                await workers.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }

        if (_failures.Count > 0)
        {
            ExceptionDispatchInfo.Throw(_describeFailure(_failures));
        }
    }

    private async Task RunWorkersAsync(CancellationToken stop)
    {
        try
        {
            var workers = new Task[_workers];
            for (var i = 0; i < workers.Length; i++)
            {
                workers[i] = Task.Run(() => WorkAsync(stop), CancellationToken.None);
            }

            await Task.WhenAll(workers).ConfigureAwait(false);
        }
        finally
        {
            _pages.Writer.TryComplete();
        }
    }

    private async Task WorkAsync(CancellationToken stop)
    {
        await foreach (var part in _parts.Reader.ReadAllAsync(stop).ConfigureAwait(false))
        {
            if (Stopped)
            {
                return;
            }

            Interlocked.Increment(ref _holding);
            var parked = false;
            try
            {
                parked = await DrainPartAsync(part, stop).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _holding);
                if (!parked)
                {
                    PartEnded();
                }
            }
        }
    }

    /// <returns>Whether the part waits to pass again once the others are done (<see cref="DrainPart.HoldsTop"/>).</returns>
    private async Task<bool> DrainPartAsync(DrainPart part, CancellationToken stop)
    {
        string? cursor = null;
        while (true)
        {
            PartPage<T> page;
            bool sentAlone;
            await _inFlight.EnterAsync(stop).ConfigureAwait(false);
            try
            {
                // A stop may have come while this worker waited for its permit: nothing is sent after a stop.
                if (Stopped)
                {
                    return false;
                }

                sentAlone = Alone();
                page = await _fetch(part, cursor, stop).ConfigureAwait(false);
            }
            catch (Exception exception) when (!stop.IsCancellationRequested)
            {
                part.Fail(exception);
                Stop(exception);
                return false;
            }
            finally
            {
                _inFlight.Exit();
            }

            // The service has acted on this page: hand it over before anything else can go wrong.
            if (page.Values.Count > 0)
            {
                await _pages.Writer.WriteAsync(page.Values, stop).ConfigureAwait(false);
            }

            part.Taken += page.Taken;
            if (page.Cursor is null)
            {
                // The top's last request must be one sent when no other part was left, as the cursor loop's last is.
                if (part.HoldsTop && !sentAlone)
                {
                    if (TryPark(part))
                    {
                        Log.TopPartParked(_logger, _path, part.Label);
                        return true;
                    }

                    // The others ended while this request was in flight: one more pass, now alone.
                    cursor = null;
                    continue;
                }

                part.MarkDone();
                return false;
            }

            if (Stopped)
            {
                return false;
            }

            IReadOnlyList<DrainPart>? pieces = null;
            if (page.Full && _splitter is not null)
            {
                pieces = await _splitter.SplitAsync(part, Load(part), stop).ConfigureAwait(false);

                // The split may have waited for its listings; a stop meanwhile ends the part here.
                if (Stopped)
                {
                    return false;
                }
            }

            if (pieces is { Count: > 1 })
            {
                Log.PartSplit(_logger, _path, part.Label, pieces.Count);
                lock (_outstandingGate)
                {
                    _outstanding += pieces.Count - 1;
                    _active.Remove(part);
                    _active.UnionWith(pieces);
                }

                for (var i = 1; i < pieces.Count; i++)
                {
                    _parts.Writer.TryWrite(pieces[i]);
                }

                part = pieces[0];
                cursor = null;
            }
            else
            {
                cursor = page.Cursor;
            }
        }
    }

    /// <summary>
    /// The part holding the top has answered its last page while others are still being drained: it waits for them and
    /// then passes again from its start, so that, as with a cursor loop, the drain's last request is the one that finds
    /// nothing more, and an entry that failed before it is taken.
    /// </summary>
    private bool TryPark(DrainPart top)
    {
        lock (_outstandingGate)
        {
            if (_outstanding == 1)
            {
                return false;
            }

            _parkedTop = top;
            return true;
        }
    }

    /// <summary>No part but the one asking is left to drain.</summary>
    private bool Alone()
    {
        lock (_outstandingGate)
        {
            return _outstanding == 1;
        }
    }

    /// <summary>A part is done (or given up after a stop): the last of the others sends the top on its pass, the last of all ends the drain.</summary>
    private void PartEnded()
    {
        DrainPart? top = null;
        bool last;
        lock (_outstandingGate)
        {
            last = --_outstanding == 0;
            if (_outstanding == 1 && _parkedTop is not null)
            {
                (top, _parkedTop) = (_parkedTop, null);
            }
        }

        if (top is not null)
        {
            _parts.Writer.TryWrite(top);
        }
        else if (last)
        {
            _parts.Writer.TryComplete();
        }
    }

    /// <summary>
    /// What the work looks like as <paramref name="part"/> answers a full page: the workers with no part to page and
    /// none waiting for them (an estimate, good enough to decide a split), and the other parts still to be paged (the
    /// top waiting for its pass is not).
    /// </summary>
    private DrainLoad Load(DrainPart part)
    {
        var idle = _workers - Volatile.Read(ref _holding) - _parts.Reader.Count;
        lock (_outstandingGate)
        {
            _active.RemoveWhere(static other => other.Done);
            return new DrainLoad(_workers, idle, [.. _active.Where(other => other != part && other != _parkedTop)]);
        }
    }

    private void Stop(Exception failure)
    {
        lock (_failures)
        {
            _failures.Add(failure);
        }

        StopSending();
    }

    /// <summary>No worker sends another request; the parts not yet taken are left.</summary>
    private void StopSending()
    {
        Volatile.Write(ref _stopped, 1);
        _parts.Writer.TryComplete();
    }
}
