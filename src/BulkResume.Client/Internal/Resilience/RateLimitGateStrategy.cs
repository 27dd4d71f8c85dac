using Polly;

namespace BulkResume.Internal.Resilience;

/// <summary>Waits for the client's <see cref="RateLimitGate"/> before each attempt.</summary>
/// <remarks>
/// It sits between the retries and the attempt timeout, so that a wait for a rate limit's reset is never taken for an
/// attempt that ran out of time (which would count as one that may have been applied).
/// </remarks>
internal sealed class RateLimitGateStrategy : ResilienceStrategy<HttpResponseMessage>
{
    private readonly RateLimitGate _gate;
    private readonly TimeProvider _timeProvider;

    public RateLimitGateStrategy(RateLimitGate gate, TimeProvider timeProvider)
    {
        _gate = gate;
        _timeProvider = timeProvider;
    }

    protected override async ValueTask<Outcome<HttpResponseMessage>> ExecuteCore<TState>(
        Func<ResilienceContext, TState, ValueTask<Outcome<HttpResponseMessage>>> callback, ResilienceContext context, TState state)
    {
        try
        {
            await _gate.WaitAsync(_timeProvider, context.CancellationToken).ConfigureAwait(context.ContinueOnCapturedContext);
        }
        catch (OperationCanceledException exception)
        {
            return Outcome.FromException<HttpResponseMessage>(exception);
        }

        return await callback(context, state).ConfigureAwait(context.ContinueOnCapturedContext);
    }
}
