using System.Collections.Immutable;
using System.Globalization;
using BulkResume.Internal.Http;
using BulkResume.Internal.Validation;

namespace BulkResume.Internal.Selection;

/// <summary>
/// A filter's criteria: the wire values of each <see cref="SelectionCriteria"/> row it sets, immutable.
/// </summary>
/// <remarks>
/// A filter holds nothing else for its criteria, so copying it is copying this, and nothing set can be left out of its
/// query.
/// </remarks>
internal sealed class CriterionValues
{
    private readonly ImmutableDictionary<Criterion, ImmutableArray<string>> _values;

    private CriterionValues(ImmutableDictionary<Criterion, ImmutableArray<string>> values)
    {
        _values = values;
    }

    /// <summary>No criteria.</summary>
    public static CriterionValues None { get; } = new(ImmutableDictionary<Criterion, ImmutableArray<string>>.Empty);

    /// <summary>True when no criterion is set.</summary>
    public bool IsEmpty => _values.IsEmpty;

    /// <summary>The rows set, in the table's order.</summary>
    public IEnumerable<Criterion> Rows => _values.Keys.OrderBy(row => row.Order);

    /// <summary>The wire values of <paramref name="row"/>; empty when it is not set.</summary>
    public ImmutableArray<string> this[Criterion row] => _values.TryGetValue(row, out var values) ? values : [];

    /// <summary>A time row's value in Unix milliseconds, or null when it is not set.</summary>
    public long? Milliseconds(Criterion row) => this[row] is [var value] ? long.Parse(value, CultureInfo.InvariantCulture) : null;

    /// <summary>Adds <paramref name="value"/> to <paramref name="row"/>'s values (any of them matches).</summary>
    /// <param name="row">The criterion.</param>
    /// <param name="value">The wire value, checked by the caller.</param>
    /// <param name="method">The method that adds it, for the message: <c>RunFilter.ForWorkflowUrl</c>.</param>
    /// <exception cref="InvalidOperationException">The row takes one value and holds another, or another row of the same parameter is set.</exception>
    /// <remarks>
    /// A value already there is kept once. A row that takes one value refuses a second: the service can't OR it, and
    /// replacing would drop a value the caller added. Two rows of one parameter (an exact workflow URL and a prefix)
    /// are never held together: the service matches every value of a parameter one way per request.
    /// </remarks>
    public CriterionValues Add(Criterion row, string value, string method)
    {
        if (Rows.FirstOrDefault(held => held != row && held.WireName == row.WireName) is { } other)
        {
            throw new InvalidOperationException(
                $"{method} can't be used on a filter that holds a {other.Noun}: both are sent as {row.WireName}, and the service matches every {row.WireName} of a request one way ({other.Matches}, or {row.Matches}). Use a filter for each.");
        }

        var values = this[row];
        if (values.Contains(value, StringComparer.Ordinal))
        {
            return this;
        }

        if (!row.TakesMany && !values.IsEmpty)
        {
            throw new InvalidOperationException(
                $"{method} already holds '{values[0]}': {row.WireName} takes one value here, so '{value}' can't be added to it (values of one criterion are OR-ed, and the service can't OR this one). Use a filter per value.");
        }

        return new(_values.SetItem(row, values.Add(value)));
    }

    /// <summary><see cref="Criterion.Check"/>, then <see cref="Add(Criterion, string, string)"/>: what a filter's adding method does.</summary>
    /// <param name="row">The criterion.</param>
    /// <param name="value">The value as the caller gave it.</param>
    /// <param name="parameterName">The method's parameter.</param>
    /// <param name="method">The method: <c>ResumeFilter.WithLabel</c>.</param>
    public CriterionValues Add(Criterion row, string? value, string parameterName, string method)
    {
        row.Check(value, parameterName, method);
        return Add(row, value!, method);
    }

    /// <summary><see cref="Criterion.Check"/>, then <see cref="Replace(Criterion, string?)"/>: what a filter's replacing method does.</summary>
    /// <param name="row">The criterion.</param>
    /// <param name="value">The value as the caller gave it.</param>
    /// <param name="parameterName">The method's parameter.</param>
    /// <param name="method">The method: <c>RunFilter.ForWorkflowRunId</c>.</param>
    public CriterionValues Replace(Criterion row, string? value, string parameterName, string method)
    {
        row.Check(value, parameterName, method);
        return Replace(row, value);
    }

    /// <summary>
    /// Sets the bounds given of an inclusive time range (<paramref name="fromRow"/>, <paramref name="toRow"/>), keeping
    /// the other, and refuses a start after the end, whichever was set first.
    /// </summary>
    /// <param name="fromRow">The range's start row: <c>fromDate</c>.</param>
    /// <param name="toRow">The range's end row: <c>toDate</c>.</param>
    /// <param name="from">The new start, or null to keep the one set.</param>
    /// <param name="to">The new end, or null to keep the one set.</param>
    /// <param name="parameterName">The parameter that was just set.</param>
    /// <param name="fromMethod">The method that sets the start, for the message: <c>FailedAfter</c>.</param>
    /// <param name="toMethod">The method that sets the end, for the message: <c>FailedBefore</c>.</param>
    public CriterionValues WithRange(Criterion fromRow, Criterion toRow, DateTimeOffset? from, DateTimeOffset? to, string parameterName, string fromMethod, string toMethod)
    {
        var next = from is { } start ? Replace(fromRow, start.ToUnixTimeMilliseconds()) : this;
        next = to is { } end ? next.Replace(toRow, end.ToUnixTimeMilliseconds()) : next;
        TimeRange.Ensure(next.Milliseconds(fromRow), next.Milliseconds(toRow), parameterName, fromMethod, toMethod);
        return next;
    }

    /// <summary>Sets <paramref name="row"/> to <paramref name="value"/> alone, or clears it when null.</summary>
    public CriterionValues Replace(Criterion row, string? value) =>
        new(value is null ? _values.Remove(row) : _values.SetItem(row, [value]));

    /// <summary>Sets a time row to <paramref name="time"/> in Unix milliseconds, or clears it when null.</summary>
    public CriterionValues Replace(Criterion row, long? time) =>
        Replace(row, time?.ToString(CultureInfo.InvariantCulture));

    /// <summary>Refuses criteria that <paramref name="operation"/> does not take, before anything is sent.</summary>
    /// <param name="operation">The operation about to send them.</param>
    /// <param name="operationName">The operation, for the message: <c>DlqClient.ListAsync</c>.</param>
    /// <param name="parameterName">The operation's filter parameter.</param>
    public void EnsureTakenBy(SelectionOperations operation, string operationName, string parameterName)
    {
        if (Rows.FirstOrDefault(row => (row.TakenBy & operation) == 0) is { } refused)
        {
            throw new ArgumentException(
                $"{operationName} does not take the {refused.Noun} criterion ({refused.WireName}): sent anyway, the service would ignore it and select more than the filter says. Build the filter without it.",
                parameterName);
        }
    }

    /// <summary>Adds every value, as repeated keys, in the table's order, each row's match parameter after its values.</summary>
    public void AppendTo(QueryString query)
    {
        foreach (var row in Rows)
        {
            query.AddEach(row.WireName, _values[row]);
            if (row.MatchParameter is { } match)
            {
                query.Add(match.Key, match.Value);
            }
        }
    }
}
