using BulkResume.Engine.Selection;
namespace BulkResume.Engine.Storage;

/// <summary>One row of a selection table (<see cref="SelectionCriteria"/>): a query parameter and everything a store needs to select by it.</summary>
/// <typeparam name="TRecord">What the criterion selects, such as <see cref="DlqEntry"/>.</typeparam>
/// <remarks>
/// Every part of the engine that reads a selection (the allowed names of an endpoint, the parsing, the refusals, the
/// cursor's fingerprint, the in-memory match and the SQL stores' clause) iterates the table, so a criterion is added by
/// adding a row. A criterion's values are text (<see cref="string"/>) or 64-bit integers (<see cref="long"/>).
/// </remarks>
public sealed class SelectionCriterion<TRecord>
{
    private readonly Func<TRecord, string?>? _text;
    private readonly Func<TRecord, IReadOnlyList<string>>? _texts;
    private readonly Func<TRecord, long>? _number;

    private SelectionCriterion(
        string name,
        bool repeatable,
        CriterionValueRule rule,
        CriterionMatch match,
        CriterionStorage storage,
        string sqlColumn,
        SelectionOperations operations,
        Func<TRecord, string?>? text = null,
        Func<TRecord, IReadOnlyList<string>>? texts = null,
        Func<TRecord, long>? number = null)
    {
        if ((match is CriterionMatch.Prefix && rule.IsNumber)
            || (match is CriterionMatch.AtLeast or CriterionMatch.AtMost && !rule.IsNumber)
            || (storage is CriterionStorage.StoredJson or CriterionStorage.IdAtMillisecond && rule.IsNumber)
            || (storage is CriterionStorage.MillisecondOfTicks && (!rule.IsNumber || match is not CriterionMatch.OneOf))
            || (match is CriterionMatch.AtLeast or CriterionMatch.AtMost && repeatable))
        {
            throw new ArgumentException($"{name}: {match} of {(rule.IsNumber ? "numbers" : "text")} (repeatable: {repeatable}, kept as {storage}) is not a criterion the stores can select by.");
        }

        Name = name;
        Repeatable = repeatable;
        Rule = rule;
        Match = match;
        Storage = storage;
        SqlColumn = sqlColumn;
        Operations = operations;
        _text = text;
        _texts = texts;
        _number = number;
    }

    /// <summary>The query parameter's name.</summary>
    internal string Name { get; }

    /// <summary>How a record's value is compared with the values asked for.</summary>
    public CriterionMatch Match { get; }

    /// <summary>Where a SQL store keeps the value.</summary>
    public CriterionStorage Storage { get; }

    /// <summary>The column (or, for <see cref="CriterionStorage.StoredJson"/>, the dotted property path) that holds the value.</summary>
    public string SqlColumn { get; }

    /// <summary>Whether an index (value, created_at, dlq_id) serves the criterion, so that a query can read it in key order.</summary>
    public bool Indexed { get; private init; }

    /// <summary>Whether, when given, it alone selects (the ids): every other criterion is ignored.</summary>
    public bool SelectsAlone { get; private init; }

    /// <summary>Whether a record holds several values (its labels), so that two values asked for can both select it.</summary>
    public bool ManyPerRecord => _texts is not null;

    /// <summary>Whether the parameter may be given several values (repeated, or separated by commas) that are OR-ed.</summary>
    internal bool Repeatable { get; }

    /// <summary>What the values may be, and the form they are compared in.</summary>
    internal CriterionValueRule Rule { get; }

    /// <summary>The operations that take the criterion.</summary>
    internal SelectionOperations Operations { get; }

    /// <summary>Its place in the table, where a selection keeps its values.</summary>
    internal int Index { get; set; }

    /// <summary>A criterion on a text value of the record (<see langword="null"/> when it has none).</summary>
    internal static SelectionCriterion<TRecord> OnText(
        string name, bool repeatable, CriterionValueRule rule, CriterionMatch match, Func<TRecord, string?> read, CriterionStorage storage, string sqlColumn, bool indexed, SelectionOperations operations) =>
        new(name, repeatable, rule, match, storage, sqlColumn, operations, text: read) { Indexed = indexed };

    /// <summary>A criterion on a record's list of text values (its labels): any of them may match.</summary>
    internal static SelectionCriterion<TRecord> OnTexts(
        string name, CriterionValueRule rule, Func<TRecord, IReadOnlyList<string>> read, CriterionStorage storage, string sqlColumn, bool indexed, SelectionOperations operations) =>
        new(name, repeatable: true, rule, CriterionMatch.OneOf, storage, sqlColumn, operations, texts: read) { Indexed = indexed };

    /// <summary>A criterion on a number of the record (a time as ticks or milliseconds).</summary>
    internal static SelectionCriterion<TRecord> OnNumber(
        string name, CriterionValueRule rule, CriterionMatch match, Func<TRecord, long> read, CriterionStorage storage, string sqlColumn, bool indexed, SelectionOperations operations) =>
        new(name, repeatable: false, rule, match, storage, sqlColumn, operations, number: read) { Indexed = indexed };

    /// <summary>The criterion of exact records by key (the ids, or the runs by id and time): when given, every other criterion is ignored.</summary>
    internal static SelectionCriterion<TRecord> ByIds(
        string name, CriterionValueRule rule, Func<TRecord, string> read, CriterionStorage storage, string sqlColumn, SelectionOperations operations) =>
        new(name, repeatable: true, rule, CriterionMatch.OneOf, storage, sqlColumn, operations, text: read) { SelectsAlone = true };

    /// <summary>Whether the operation takes the criterion.</summary>
    internal bool TakenBy(SelectionOperations operation) => (Operations & operation) == operation;

    /// <summary>Whether <paramref name="record"/> has a value that <paramref name="values"/> (at least one) select.</summary>
    internal bool Matches(TRecord record, IReadOnlyList<object> values)
    {
        if (_number is not null)
        {
            long value = _number(record);
            for (int i = 0; i < values.Count; i++)
            {
                long asked = (long)values[i];
                if (Match switch
                {
                    CriterionMatch.AtLeast => value >= asked,
                    CriterionMatch.AtMost => value <= asked,
                    _ => value == asked,
                })
                {
                    return true;
                }
            }

            return false;
        }

        if (_texts is not null)
        {
            IReadOnlyList<string> held = _texts(record);
            for (int i = 0; i < held.Count; i++)
            {
                if (MatchesText(held[i], values))
                {
                    return true;
                }
            }

            return false;
        }

        return _text!(record) is { } text && MatchesText(text, values);
    }

    private bool MatchesText(string value, IReadOnlyList<object> values)
    {
        for (int i = 0; i < values.Count; i++)
        {
            string asked = (string)values[i];
            if (Match == CriterionMatch.Prefix ? value.StartsWith(asked, StringComparison.Ordinal) : string.Equals(value, asked, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
