using System.Collections.Immutable;

namespace BulkResume;

/// <summary>
/// Where each id of one bulk call by explicit ids (<see cref="ResumeFilter.ForDlqIds(string[])"/>) stands: done, no
/// longer in the DLQ, in doubt, or not attempted.
/// </summary>
/// <remarks>
/// <para>Give a new one to <see cref="ResumeOptions.DlqIdsProgress"/> or
/// <see cref="BulkDeleteOptions.DlqIdsProgress"/>, and read it however the call ended: finished, stopped by
/// <see cref="ResumeOptions.GracefulStop"/>, failed, or canceled. Then the four lists, in the order of your list, are
/// together every id, and what to send again is <see cref="NotAttempted"/> and those of <see cref="InDoubt"/> still in
/// the DLQ, without reading back the ids already done.</para>
/// While the call runs each list is a view of one moment, and an id moving on between two reads may show in both or
/// in neither; <see cref="InDoubt"/> then also holds the requests in flight. One request at a time, a call continued
/// from a continuation token counts the ids before the token as done, as the token says. A progress records one call.
/// </remarks>
public sealed class DlqIdsProgress
{
    private readonly object _gate = new();
    private ImmutableArray<string> _ids = [];
    private IdState[] _states = [];
    private int _assumedDoneBefore;
    private bool _started;

    /// <summary>What a call has done with one id; an id starts not attempted.</summary>
    internal enum IdState : byte
    {
        NotAttempted,
        Sent,
        Done,
        Missing,
    }

    /// <summary>The ids the service confirmed it acted on (resumed, restarted or deleted, as the call does).</summary>
    public IReadOnlyList<string> Done => Select(IdState.Done);

    /// <summary>
    /// The ids a <c>404</c> named as not in the DLQ, which the call then skipped
    /// (<see cref="ResumeOptions.SkipMissingDlqIds"/>): already resumed, restarted or deleted (perhaps by an earlier
    /// call), or never there.
    /// </summary>
    /// <remarks>This call did nothing to them.</remarks>
    public IReadOnlyList<string> Missing => Select(IdState.Missing);

    /// <summary>
    /// The ids of requests sent without a known outcome (an answer lost, a last <c>5xx</c>, a canceled request): each
    /// was acted on once, or is still in the DLQ.
    /// </summary>
    /// <remarks>Empty after a call that finished or stopped gracefully without a failure.</remarks>
    public IReadOnlyList<string> InDoubt => Select(IdState.Sent);

    /// <summary>The ids never sent, or sent in a request the service refused outright (a refusal acts on none of its ids).</summary>
    public IReadOnlyList<string> NotAttempted => Select(IdState.NotAttempted);

    /// <summary>Starts recording a call on <paramref name="filter"/>'s ids, when the call is made.</summary>
    /// <param name="filter">The call's selection.</param>
    /// <param name="option">The option that gave this progress, for the message, e.g. <c>ResumeOptions.DlqIdsProgress</c>.</param>
    /// <param name="parameterName">The parameter that carried the option.</param>
    /// <exception cref="ArgumentException">The filter has criteria, not ids, or the progress already records another call.</exception>
    internal void Start(ResumeFilter filter, string option, string parameterName)
    {
        if (!filter.HasDlqIds)
        {
            throw new ArgumentException(
                $"{option} records a call by explicit ids (ResumeFilter.ForDlqIds), and this filter has criteria: the service does not say which entries a page of criteria took. Leave it null.",
                parameterName);
        }

        lock (_gate)
        {
            if (_started)
            {
                throw new ArgumentException($"{option} already records another call. Give each call a new DlqIdsProgress.", parameterName);
            }

            _started = true;
            _ids = filter.DlqIds;
            _states = new IdState[_ids.Length];
        }
    }

    /// <summary>Records the ids at <paramref name="positions"/> in the call's list as <paramref name="state"/>.</summary>
    internal void Set(IEnumerable<int> positions, IdState state)
    {
        lock (_gate)
        {
            foreach (var position in positions)
            {
                _states[position] = state;
            }
        }
    }

    /// <summary>
    /// A call continued from a continuation token starts at <paramref name="offset"/>: the ids before it that this
    /// progress has not seen count as done, since a token is handed out only once the page before it succeeded.
    /// </summary>
    internal void AssumeDoneBefore(int offset)
    {
        lock (_gate)
        {
            for (; _assumedDoneBefore < offset; _assumedDoneBefore++)
            {
                if (_states[_assumedDoneBefore] == IdState.NotAttempted)
                {
                    _states[_assumedDoneBefore] = IdState.Done;
                }
            }
        }
    }

    private string[] Select(IdState state)
    {
        lock (_gate)
        {
            var selected = new List<string>();
            for (var i = 0; i < _states.Length; i++)
            {
                if (_states[i] == state)
                {
                    selected.Add(_ids[i]);
                }
            }

            return [.. selected];
        }
    }
}
