using System.Globalization;
using BulkResume.Engine.Model;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>
/// Reads the selection (the criteria of <see cref="SelectionCriteria.Dlq"/> or <see cref="SelectionCriteria.Runs"/> the
/// operation takes), <c>cursor</c> and <c>count</c> of every endpoint that selects entries (list, resume, restart, delete)
/// or runs (the run logs).
/// </summary>
/// <remarks>Each value is read by <see cref="QueryParameters"/>, below: the one way every endpoint reads its query.</remarks>
internal static class BulkRequestParser
{
    /// <summary>The paging parameters every such endpoint reads besides its criteria.</summary>
    public static IReadOnlyList<string> PagingNames { get; } = ["cursor", "count"];

    public static SelectionRequest Parse(DlqApiRequest request, SelectionOperations operation, int maxCount)
    {
        var query = new QueryParameters(request.Query);
        return new SelectionRequest(Selection(query, operation), Cursor(query), Count(query, maxCount));
    }

    public static string? Cursor(QueryParameters query) => query.Single(PagingNames[0]);

    public static int? Count(QueryParameters query, int max) =>
        query.Int32(PagingNames[1], $"an integer from 1 to {max}");

    /// <summary>
    /// The filter of an async bulk action as given: each criterion the operation takes (of either table), by name, with
    /// its values split at commas as the criterion reads them.
    /// </summary>
    /// <remarks>
    /// The action keeps and reports it, and its kind reads it into a selection, refusing a malformed value.
    /// </remarks>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Filter(DlqApiRequest request, SelectionOperations operation)
    {
        var query = new QueryParameters(request.Query);
        var filter = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach ((string name, IReadOnlyList<string> texts) in SelectionCriteria.Dlq.Where(criterion => criterion.TakenBy(operation)).Select(criterion => (criterion.Name, Texts(query, criterion)))
            .Concat(SelectionCriteria.Runs.Where(criterion => criterion.TakenBy(operation)).Select(criterion => (criterion.Name, Texts(query, criterion)))))
        {
            if (texts.Count > 0)
            {
                filter[name] = texts;
            }
        }

        return filter;
    }

    /// <summary>The DLQ selection of a filter <see cref="Filter"/> gave, read again by the same rules (an action keeps its filter, not the parsed selection).</summary>
    public static DlqSelection SelectionOf(IReadOnlyDictionary<string, IReadOnlyList<string>> filter, SelectionOperations operation) =>
        Selection(new QueryParameters(filter), operation);

    /// <summary>
    /// The names <paramref name="operation"/> allows: its criteria and, unless it is an async bulk action (which covers its
    /// whole selection), the paging parameters; only those, since they are all it reads.
    /// </summary>
    public static IEnumerable<string> Names(SelectionOperations operation) =>
        ((operation & SelectionOperations.AsyncBulkActions) == 0 ? PagingNames : []).Concat(CriterionNames(operation));

    /// <summary>The names of the criteria <paramref name="operation"/> takes.</summary>
    public static IEnumerable<string> CriterionNames(SelectionOperations operation) =>
        SelectionCriteria.Dlq.Where(criterion => criterion.TakenBy(operation)).Select(criterion => criterion.Name)
            .Concat(SelectionCriteria.Runs.Where(criterion => criterion.TakenBy(operation)).Select(criterion => criterion.Name));

    /// <summary>The runs a request to <paramref name="operation"/> (an operation on runs) selects.</summary>
    public static RunSelection Runs(QueryParameters query, SelectionOperations operation) =>
        RunSelection.Of(Given(query, SelectionCriteria.Runs, operation));

    /// <summary>
    /// Which criteria a bulk cancel's query takes: its <c>workflowUrl</c> a prefix unless <c>workflowUrlExactMatch=true</c>,
    /// as the service reads it; the one reading of it, whether the cancel is sent now or kept by a bulk action as its filter.
    /// </summary>
    public static SelectionOperations CancelOperation(QueryParameters query) =>
        query.Single(AllowedParameters.RunsCancelExactMatch) switch
        {
            null or "false" => SelectionOperations.CancelRuns,
            "true" => SelectionOperations.CancelRunsByExactUrl,
            string other => throw CriterionValueRule.Malformed(AllowedParameters.RunsCancelExactMatch, other, "true (workflowUrl matches exactly) or false (as a prefix, the default)"),
        };

    private static DlqSelection Selection(QueryParameters query, SelectionOperations operation) =>
        DlqSelection.Of(Given(query, SelectionCriteria.Dlq, operation));

    /// <summary>The values of each criterion of <paramref name="table"/> that <paramref name="operation"/> takes and the request gives.</summary>
    private static IEnumerable<(SelectionCriterion<TRecord> Criterion, IReadOnlyList<object> Values)> Given<TRecord>(
        QueryParameters query, IReadOnlyList<SelectionCriterion<TRecord>> table, SelectionOperations operation) =>
        table
            .Where(criterion => criterion.TakenBy(operation))
            .Select(criterion => (criterion, Values(query, criterion)))
            .Where(given => given.Item2.Count > 0);

    private static IReadOnlyList<object> Values<TRecord>(QueryParameters query, SelectionCriterion<TRecord> criterion) =>
        Texts(query, criterion).Select(text => criterion.Rule.Parse(criterion.Name, text)).ToArray();

    private static IReadOnlyList<string> Texts<TRecord>(QueryParameters query, SelectionCriterion<TRecord> criterion) =>
        criterion.Repeatable ? query.Many(criterion.Name)
            : query.Single(criterion.Name) is { } text ? [text]
            : [];
}

/// <summary>What a request selects: the entries, the cursor to continue after and how many it asks for.</summary>
internal sealed record SelectionRequest(DlqSelection Selection, string? Cursor, int? Count);

/// <summary>Reads typed query parameters; a malformed one is a 400 that names it and says what it must be.</summary>
internal sealed class QueryParameters(IReadOnlyDictionary<string, IReadOnlyList<string>> query)
{
    /// <summary>
    /// Every value of a repeatable parameter, from repeated keys and from comma-separated values, as the contract has it;
    /// an empty value between commas is a 400 (<see cref="AllowedParameters"/> has refused blank ones already).
    /// </summary>
    public IReadOnlyList<string> Many(string name)
    {
        var values = new List<string>();
        foreach (string raw in Raw(name))
        {
            foreach (string value in raw.Split(',', StringSplitOptions.TrimEntries))
            {
                values.Add(value.Length > 0
                    ? value
                    : throw DlqEngineException.BadRequest(
                        name,
                        $"{name} has an empty value in '{TextChecks.Shorten(raw)}'; separate values with single commas (or repeat {name}=) and give no empty one. Nothing was changed."));
            }
        }

        return values;
    }

    /// <summary>The value of a parameter given at most once.</summary>
    public string? Single(string name)
    {
        IReadOnlyList<string> values = Raw(name);
        if (values.Count > 1)
        {
            throw DlqEngineException.BadRequest(name, $"{name} was given {values.Count} times; give it once.");
        }

        return values.Count == 1 ? values[0] : null;
    }

    public int? Int32(string name, string expected)
    {
        string? text = Single(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw CriterionValueRule.Malformed(name, text, expected);
    }

    /// <summary>A Unix-milliseconds timestamp.</summary>
    public DateTimeOffset? UnixMilliseconds(string name) =>
        Single(name) is { } text ? CriterionValueRule.ParseUnixMilliseconds(name, text) : null;

    private IReadOnlyList<string> Raw(string name) => query.GetValueOrDefault(name, []);
}
