using System.Globalization;
using BulkResume.Engine.Http;
using BulkResume.Engine.Http.Wire;

namespace BulkResume.Engine;

/// <summary>
/// Makes the test double misbehave like a real service under load: fail the next requests with a status, add latency,
/// apply an operation and then fail (a 500 or a dropped connection), and enforce a per-second burst rate limit that
/// answers <c>429</c> with <c>Burst-RateLimit-*</c> headers.
/// </summary>
/// <remarks>
/// Thread-safe; all time comes from the engine's <see cref="TimeProvider"/>, so tests with a fake clock never sleep.
/// </remarks>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly Queue<DlqApiResponse?> _nextFailures = new();
    private Random? _applyThenFailRandom;
    private double _applyThenFailProbability;
    private FaultFailure _applyThenFailMode;
    private int _applyThenFailNext;
    private FaultFailure _applyThenFailNextMode;
    private int _burstLimit;
    private long _burstWindow;
    private int _burstUsed;
    private TaskCompletionSource? _bulkActionsHeld;

    /// <summary>Creates an injector that injects nothing until told to.</summary>
    /// <param name="timeProvider">The clock for latency and rate-limit windows.</param>
    public FaultInjector(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        _timeProvider = timeProvider;
    }

    /// <summary>Added to every answer (before the operation runs).</summary>
    /// <remarks><see cref="TimeSpan.Zero"/> for none.</remarks>
    public TimeSpan Latency { get; set; }

    /// <summary>Whether bulk actions are held: new and running ones make no progress until it is set <see langword="false"/> again.</summary>
    /// <remarks>
    /// Read by the <see cref="BulkActionWorker"/> given this injector, before each slice, so a test can see an action in
    /// progress; the slice under way when it is set still completes.
    /// </remarks>
    public bool HoldBulkActions
    {
        get
        {
            lock (_gate)
            {
                return _bulkActionsHeld is not null;
            }
        }

        set
        {
            TaskCompletionSource? released = null;
            lock (_gate)
            {
                if (value)
                {
                    _bulkActionsHeld ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                else
                {
                    (released, _bulkActionsHeld) = (_bulkActionsHeld, null);
                }
            }

            released?.TrySetResult();
        }
    }

    /// <summary>Requests answered <c>429</c> so far by the burst limit.</summary>
    public int RateLimitedCount { get; private set; }

    /// <summary>Operations applied and then failed so far.</summary>
    public int AppliedThenFailedCount { get; private set; }

    /// <summary>The next <paramref name="count"/> requests fail with <paramref name="status"/> without being applied.</summary>
    /// <param name="count">How many requests; at least 1.</param>
    /// <param name="status">The status, 400 to 599.</param>
    /// <param name="headers">Headers of the failed answers, e.g. <c>Retry-After</c>.</param>
    /// <param name="message">The <c>error</c> message.</param>
    public void FailNext(int count, int status, IReadOnlyDictionary<string, string>? headers = null, string? message = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(status, 400);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(status, 599);
        DlqApiResponse failure = DlqApiResponses.Error(status, message ?? $"Injected failure {status.ToString(CultureInfo.InvariantCulture)}", headers);
        lock (_gate)
        {
            for (int i = 0; i < count; i++)
            {
                _nextFailures.Enqueue(failure);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests drop the connection without being applied.</summary>
    /// <param name="count">How many requests; at least 1.</param>
    public void DropNext(int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            for (int i = 0; i < count; i++)
            {
                _nextFailures.Enqueue(null);
            }
        }
    }

    /// <summary>The next <paramref name="count"/> requests are applied (committed) and then fail as <paramref name="failure"/>.</summary>
    /// <param name="count">How many requests; at least 1.</param>
    /// <param name="failure">How they fail after committing.</param>
    public void ApplyThenFailNext(int count, FaultFailure failure = FaultFailure.ServerError)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        lock (_gate)
        {
            _applyThenFailNext = count;
            _applyThenFailNextMode = failure;
        }
    }

    /// <summary>Each request is, with <paramref name="probability"/>, applied and then failed; reproducible by <paramref name="seed"/>.</summary>
    /// <param name="probability">0 (never) to 1 (always).</param>
    /// <param name="seed">The seed of the random choice.</param>
    /// <param name="failure">How they fail after committing.</param>
    public void ApplyThenFailRandomly(double probability, int seed, FaultFailure failure = FaultFailure.ServerError)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1);
        lock (_gate)
        {
            _applyThenFailProbability = probability;
            _applyThenFailRandom = probability > 0 ? new Random(seed) : null;
            _applyThenFailMode = failure;
        }
    }

    /// <summary>
    /// At most <paramref name="requestsPerSecond"/> requests per clock second; the rest are answered 429.
    /// </summary>
    /// <param name="requestsPerSecond">The limit; 0 for none.</param>
    /// <remarks>0 turns it off.</remarks>
    public void SetBurstLimit(int requestsPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(requestsPerSecond);
        lock (_gate)
        {
            _burstLimit = requestsPerSecond;
            _burstUsed = 0;
        }
    }

    /// <summary>Removes every fault and clears the counters.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _nextFailures.Clear();
            _applyThenFailRandom = null;
            _applyThenFailProbability = 0;
            _applyThenFailNext = 0;
            _burstLimit = 0;
            _burstUsed = 0;
            Latency = TimeSpan.Zero;
            RateLimitedCount = 0;
            AppliedThenFailedCount = 0;
        }

        HoldBulkActions = false;
    }

    /// <summary>Completes at once while bulk actions are not held, otherwise when they are released.</summary>
    internal Task WhileBulkActionsHeldAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return _bulkActionsHeld is { } held ? held.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
        }
    }

    /// <summary>Runs <paramref name="next"/> (the API) under the configured faults.</summary>
    /// <param name="next">Answers the request for real.</param>
    /// <param name="cancellationToken">Cancels the call, including its latency.</param>
    /// <returns>The answer to send, or a dropped connection.</returns>
    public async ValueTask<FaultedResponse> ApplyAsync(Func<CancellationToken, ValueTask<DlqApiResponse>> next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, _timeProvider, cancellationToken).ConfigureAwait(false);
        }

        FaultFailure? afterApply;
        lock (_gate)
        {
            if (RateLimited() is { } limited)
            {
                return new FaultedResponse(limited);
            }

            if (_nextFailures.TryDequeue(out DlqApiResponse? failure))
            {
                return new FaultedResponse(failure);
            }

            afterApply = ChooseApplyThenFail();
        }

        DlqApiResponse response = await next(cancellationToken).ConfigureAwait(false);
        if (afterApply is not { } mode || response.Status >= 400)
        {
            return new FaultedResponse(response);
        }

        lock (_gate)
        {
            AppliedThenFailedCount++;
        }

        return new FaultedResponse(mode == FaultFailure.ServerError ? DlqApiResponses.Error(500, "Internal error") : null);
    }

    private FaultFailure? ChooseApplyThenFail()
    {
        if (_applyThenFailNext > 0)
        {
            _applyThenFailNext--;
            return _applyThenFailNextMode;
        }

        return _applyThenFailRandom is { } random && random.NextDouble() < _applyThenFailProbability ? _applyThenFailMode : null;
    }

    private DlqApiResponse? RateLimited()
    {
        if (_burstLimit == 0)
        {
            return null;
        }

        long second = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (second != _burstWindow)
        {
            _burstWindow = second;
            _burstUsed = 0;
        }

        if (_burstUsed < _burstLimit)
        {
            _burstUsed++;
            return null;
        }

        RateLimitedCount++;
        return DlqApiResponses.Error(429, "Burst rate limit exceeded", new Dictionary<string, string>
        {
            ["Burst-RateLimit-Limit"] = _burstLimit.ToString(CultureInfo.InvariantCulture),
            ["Burst-RateLimit-Remaining"] = "0",
            ["Burst-RateLimit-Reset"] = (second + 1).ToString(CultureInfo.InvariantCulture),
        });
    }
}
