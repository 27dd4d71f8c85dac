using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using BulkResume.Engine.Delivery;
using BulkResume.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace BulkResume.Engine;

/// <summary>
/// Delivers the runs started through the workflow protocol to their endpoints over HTTP: claims due deliveries from the
/// engine's store, POSTs each (signed when the engine has signing keys), and records its answer.
/// </summary>
/// <remarks>
/// Deliveries live in the store, so a worker started over a store that holds some (after a crash, or enqueued by another
/// process) delivers them; one claimed by a process that stopped before recording its answer is delivered again once its
/// lease ends, and one whose answer was recorded never is. Flow control is applied as deliveries start: at most a key's
/// parallelism in flight, its rate per period. <see cref="DlqTestServer"/> and the emulator run one each.
/// </remarks>
public sealed class DeliveryWorker : IDisposable
{
    /// <summary>How many claimed deliveries the worker holds per slot while flow control keeps them waiting.</summary>
    private const int HeldPerSlot = 4;

    private readonly DlqEngine _engine;
    private readonly DeliveryWorkerOptions _options;
    private readonly HttpClient _http;
    private readonly ILogger _logger;
    private readonly TimeProvider _clock;
    private readonly object _gate = new();
    private readonly FlowControlGate _flow = new();
    private readonly SemaphoreSlim _pumping = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;

    /// <summary>Creates a worker.</summary>
    /// <param name="engine">The engine whose deliveries it sends.</param>
    /// <param name="options">Timeouts, lease, concurrency and handler; <see langword="null"/> for the defaults.</param>
    /// <param name="logger">Where a failed pass or recording is logged before it is tried again; <see langword="null"/> for nowhere.</param>
    /// <exception cref="ArgumentOutOfRangeException">The timeout is not positive, the lease not longer than it, or the concurrency below 1.</exception>
    public DeliveryWorker(DlqEngine engine, DeliveryWorkerOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        _options = options ?? new DeliveryWorkerOptions();
        if (_options.Timeout <= TimeSpan.Zero || _options.Lease <= _options.Timeout || _options.MaxConcurrency < 1 || _options.PollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(
                nameof(options),
                "DeliveryWorkerOptions: Timeout and PollInterval must be positive, Lease longer than Timeout (a delivery must be answered before another worker may take it), MaxConcurrency at least 1.");
        }

        _engine = engine;
        _clock = engine.Options.TimeProvider;
        _logger = logger ?? NullLogger.Instance;
        _http = _options.Handler is { } handler
            ? new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan }
            : new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Delivers as deliveries come due until <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="cancellationToken">Stops the worker: deliveries in flight are abandoned unrecorded, to be delivered again when their lease ends.</param>
    /// <returns>A task that completes when the worker and its deliveries have stopped.</returns>
    /// <remarks>It wakes at once for deliveries this engine enqueues, and looks for others every <see cref="DeliveryWorkerOptions.PollInterval"/>.</remarks>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using CancellationTokenRegistration stopping = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _stop);
        bool failing = false;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                Task added = _engine.Protocol.WhenAdded;
                Task finished = Volatile.Read(ref _finished).Task;
                TimeSpan wait;
                try
                {
                    wait = await PumpAsync(cancellationToken).ConfigureAwait(false);
                    failing = false;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // A background worker outlives a failed pass (the store was unreachable, say): nothing of it was committed half.
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    // Once per streak: a store that stays down would otherwise log twice a second.
                    if (!failing)
                    {
                        DeliveryLog.PassFailed(_logger, exception);
                        failing = true;
                    }

                    wait = _options.PollInterval;
                }

                await Task.WhenAny(added, finished, Task.Delay(wait, _clock, cancellationToken)).ConfigureAwait(false);
            }
        }
        finally
        {
            await Task.WhenAll(_running.Keys).ConfigureAwait(false);
        }
    }

    /// <summary>Delivers until the store holds no delivery and none is in flight, beside any other worker.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when every delivery was answered for good (runs succeeded, or failed into the DLQ with their failure calls made).</returns>
    /// <remarks>The awaitable way for a test to let its runs finish; a retry delayed by the engine's clock is waited for.</remarks>
    public async Task WaitUntilIdleAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            Task added = _engine.Protocol.WhenAdded;
            Task finished = Volatile.Read(ref _finished).Task;
            TimeSpan wait = await PumpAsync(cancellationToken).ConfigureAwait(false);
            bool busy;
            lock (_gate)
            {
                busy = _inFlight > 0 || _flow.Held > 0;
            }

            if (!busy && await _engine.Store.GetNextDeliveryTimeAsync(cancellationToken).ConfigureAwait(false) is null)
            {
                return;
            }

            await Task.WhenAny(added, finished, Task.Delay(wait, _clock, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Abandons the deliveries in flight (they are delivered again when their lease ends) and releases the HTTP client.</summary>
    public void Dispose()
    {
        _stop.Cancel();
        _http.Dispose();
        _pumping.Dispose();
        _stop.Dispose();
    }

    /// <summary>
    /// One pass: renews the leases of held deliveries, claims what is due and fits, starts what flow control allows, and
    /// answers how long to wait before the next pass.
    /// </summary>
    private async Task<TimeSpan> PumpAsync(CancellationToken cancellationToken)
    {
        await _pumping.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            IDlqStore store = _engine.Store;
            DateTimeOffset now = _clock.GetUtcNow();
            List<ClaimedDelivery> renew;
            int room;
            lock (_gate)
            {
                renew = _flow.LeasesEndingBefore(now + (_options.Lease / 2));
                room = (_options.MaxConcurrency * HeldPerSlot) - _inFlight - _flow.Held;
            }

            if (renew.Count > 0)
            {
                await RenewAsync(renew, now, cancellationToken).ConfigureAwait(false);
            }

            IReadOnlyList<DeliveryRecord> claimed = room <= 0 ? [] : await store.WriteAsync(
                transaction => transaction.ClaimDeliveriesAsync(now, now + _options.Lease, room), cancellationToken).ConfigureAwait(false);
            // Parsed before taking the lock, which every finishing delivery takes too.
            ClaimedDelivery[] held = [.. claimed.Select(record => new ClaimedDelivery(record, DeliveryMessage.FromJson(record.Definition)))];
            List<ClaimedDelivery> start;
            DateTimeOffset? opening;
            DateTimeOffset? lease;
            lock (_gate)
            {
                foreach (ClaimedDelivery delivery in held)
                {
                    _flow.Hold(delivery);
                }

                start = _flow.TakeStartable(now, _options.MaxConcurrency - _inFlight);
                _inFlight += start.Count;
                opening = _flow.NextOpening(now);
                lease = _flow.EarliestLease() - (_options.Lease / 2);
            }

            foreach (ClaimedDelivery delivery in start)
            {
                Task running = Task.Run(() => DeliverAsync(delivery), CancellationToken.None);
                _running.TryAdd(running, 0);
                _ = running.ContinueWith(done => _running.TryRemove(done, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            if (room > 0 && claimed.Count == room)
            {
                return TimeSpan.Zero;
            }

            // The store's next time counts only when the worker has room to claim it; otherwise a finished delivery wakes it.
            DateTimeOffset? due = room > claimed.Count ? await store.GetNextDeliveryTimeAsync(cancellationToken).ConfigureAwait(false) : null;
            DateTimeOffset? wake = new[] { due, opening, lease }.Where(at => at is not null).Min();
            TimeSpan wait = wake is { } at ? at - now : _options.PollInterval;
            return wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait > _options.PollInterval ? _options.PollInterval : wait;
        }
        finally
        {
            _pumping.Release();
        }
    }

    /// <summary>Extends the leases of deliveries flow control keeps waiting, so that no other worker takes them; one whose run ended is let go.</summary>
    private async Task RenewAsync(List<ClaimedDelivery> held, DateTimeOffset now, CancellationToken cancellationToken)
    {
        DeliveryRecord[] renewed = held.Select(delivery => new DeliveryRecord(
            delivery.Record.MessageId, delivery.Record.WorkflowRunId, delivery.Record.DueAt, delivery.Record.FlowControlKey, delivery.Record.Definition, now + _options.Lease)).ToArray();
        bool[] kept = await _engine.Store.WriteAsync(
            async transaction =>
            {
                var stored = new bool[renewed.Length];
                for (int i = 0; i < renewed.Length; i++)
                {
                    stored[i] = await transaction.ReplaceDeliveryAsync(renewed[i]).ConfigureAwait(false);
                }

                return stored;
            },
            cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            for (int i = 0; i < held.Count; i++)
            {
                if (kept[i])
                {
                    held[i].Record = renewed[i];
                }
                else
                {
                    _flow.Drop(held[i]);
                }
            }
        }
    }

    /// <summary>
    /// Sends one attempt and records its answer, then the next held delivery flow control lets start, and so on: a slot
    /// goes on at once instead of waiting for the next pass to start its next delivery.
    /// </summary>
    /// <remarks>Abandoned unrecorded when the worker stops.</remarks>
    private async Task DeliverAsync(ClaimedDelivery first)
    {
        ClaimedDelivery? delivery = first;
        while (delivery is not null)
        {
            try
            {
                if (delivery.Message.Kind == DeliveryMessage.WaitKind)
                {
                    // A wait sends nothing: come due, it times out.
                    await _engine.Events.TimeOutAsync(delivery.Record, delivery.Message, _stop.Token).ConfigureAwait(false);
                }
                else
                {
                    DeliveryAnswer answer = await SendAsync(delivery.Message, _stop.Token).ConfigureAwait(false);
                    await _engine.Protocol.RecordAsync(delivery.Record, delivery.Message, answer, _stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                // Stopping: the delivery stays leased and is delivered again when its lease ends.
            }
#pragma warning disable CA1031 // The store refused the recording: the delivery stays leased and is delivered again when its lease ends.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                DeliveryLog.RecordFailed(_logger, delivery.Record.MessageId, exception);
            }
            finally
            {
                delivery = Finish(delivery);
            }
        }
    }

    /// <summary>Frees the slot of a finished delivery and takes the held delivery that may start in it, if any and the worker is not stopping.</summary>
    /// <remarks>
    /// The pass is woken only when it has something to do: the slot found nothing to start, or the held deliveries are at
    /// most half of what the worker may hold, so that it claims the rest in one transaction rather than one by one.
    /// </remarks>
    private ClaimedDelivery? Finish(ClaimedDelivery finished)
    {
        ClaimedDelivery? next = null;
        bool wake;
        lock (_gate)
        {
            _inFlight--;
            _flow.Finished(finished.Record.FlowControlKey);
            if (!_stop.IsCancellationRequested && _flow.TakeStartable(_clock.GetUtcNow(), 1) is [ClaimedDelivery startable])
            {
                next = startable;
                _inFlight++;
            }

            wake = next is null || _flow.Held <= _options.MaxConcurrency * HeldPerSlot / 2;
        }

        if (wake)
        {
            Interlocked.Exchange(ref _finished, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        return next;
    }

    /// <summary>One attempt: the stored body and headers, <c>Upstash-Retried</c>, and the signature of the exact bytes when the engine signs.</summary>
    private async Task<DeliveryAnswer> SendAsync(DeliveryMessage message, CancellationToken cancellationToken)
    {
        byte[] body = Encoding.UTF8.GetBytes(message.Body);
        using var request = new HttpRequestMessage(new HttpMethod(message.Method), message.Url) { Content = new ByteArrayContent(body) };
        foreach ((string name, string value) in message.Headers)
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        request.Headers.TryAddWithoutValidation("Upstash-Retried", message.Retried.ToString(CultureInfo.InvariantCulture));
        if (_engine.Options.SigningKeys is { } keys)
        {
            request.Headers.TryAddWithoutValidation("Upstash-Signature", DeliverySignature.Sign(keys.Current, message.Url, body, _clock.GetUtcNow()));
        }

        TimeSpan timeout = message.TimeoutSeconds is { } seconds && TimeSpan.FromSeconds(seconds) < _options.Timeout ? TimeSpan.FromSeconds(seconds) : _options.Timeout;
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, attempt.Token).ConfigureAwait(false);
            byte[] answer = await response.Content.ReadAsByteArrayAsync(attempt.Token).ConfigureAwait(false);
            var headers = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, IEnumerable<string>> header in response.Headers.Concat(response.Content.Headers))
            {
                headers[header.Key] = header.Value.ToArray();
            }

            return new DeliveryAnswer((int)response.StatusCode, headers, answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return DeliveryAnswer.None($"The endpoint did not answer within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
        catch (HttpRequestException exception)
        {
            return DeliveryAnswer.None("The endpoint could not be reached: " + exception.Message);
        }
    }
}
