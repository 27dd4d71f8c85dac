using BulkResume.Engine.Model;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.Selection;

/// <summary>
/// The values a selection gives each criterion of its table, and what a record must meet: the values of one criterion
/// are OR-ed, different criteria AND-ed, and when a criterion that selects alone is given it is the only one applied.
/// </summary>
/// <typeparam name="TRecord">What the table's criteria select.</typeparam>
internal sealed class CriterionValues<TRecord>(IReadOnlyList<SelectionCriterion<TRecord>> table)
{
    /// <summary>The values of each criterion, by its place in the table; <see langword="null"/> where none is given.</summary>
    private readonly IReadOnlyList<object>?[] _values = new IReadOnlyList<object>?[table.Count];

    /// <summary>A copy of these values, to change without changing them.</summary>
    public CriterionValues<TRecord> Copy()
    {
        var copy = new CriterionValues<TRecord>(table);
        _values.CopyTo(copy._values, 0);
        return copy;
    }

    /// <summary>Whether a criterion that selects alone (the ids) is given.</summary>
    public bool SelectsAlone
    {
        get
        {
            // A loop, not LINQ: every match asks it, for every entry a page walks.
            for (int i = 0; i < table.Count; i++)
            {
                if (table[i].SelectsAlone && _values[table[i].Index] is not null)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>The values given for <paramref name="criterion"/>; empty when it does not restrict.</summary>
    public IReadOnlyList<object> Of(SelectionCriterion<TRecord> criterion) => _values[criterion.Index] ?? [];

    /// <summary>The text values given for <paramref name="criterion"/>.</summary>
    public IReadOnlyList<string> Texts(SelectionCriterion<TRecord> criterion) =>
        _values[criterion.Index] is IReadOnlyList<string> texts ? texts : EmptyCollections.Strings;

    /// <summary>The one number given for <paramref name="criterion"/>, if any.</summary>
    public long? Number(SelectionCriterion<TRecord> criterion) => _values[criterion.Index] is [long number] ? number : null;

    /// <summary>The one time (UTC ticks) given for <paramref name="criterion"/>, if any.</summary>
    public DateTimeOffset? Time(SelectionCriterion<TRecord> criterion) => Number(criterion) is { } ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Gives <paramref name="criterion"/> these values; none (or <see langword="null"/>) lifts it.</summary>
    public void Set(SelectionCriterion<TRecord> criterion, IReadOnlyList<object>? values) =>
        _values[criterion.Index] = values is { Count: > 0 } ? values : null;

    /// <summary>Gives <paramref name="criterion"/> these texts, each once.</summary>
    public void SetTexts(SelectionCriterion<TRecord> criterion, IEnumerable<string>? values) =>
        Set(criterion, values?.Distinct(StringComparer.Ordinal).ToArray());

    /// <summary>Gives <paramref name="criterion"/> one number, or lifts it.</summary>
    public void SetNumber(SelectionCriterion<TRecord> criterion, long? value) =>
        Set(criterion, value is { } number ? new object[] { number } : null);

    /// <summary>Gives <paramref name="criterion"/> (an upper bound) <paramref name="ticks"/>, or keeps its own value when that is lower.</summary>
    public void SetAtMost(SelectionCriterion<TRecord> criterion, long ticks) =>
        SetNumber(criterion, Number(criterion) is { } own && own < ticks ? own : ticks);

    /// <summary>Gives each criterion the values parsed from a request (each once).</summary>
    public void SetParsed(IEnumerable<(SelectionCriterion<TRecord> Criterion, IReadOnlyList<object> Values)> given)
    {
        foreach ((SelectionCriterion<TRecord> criterion, IReadOnlyList<object> values) in given)
        {
            if (criterion.Rule.IsNumber)
            {
                Set(criterion, values.Distinct().ToArray());
            }
            else
            {
                SetTexts(criterion, values.Cast<string>());
            }
        }
    }

    /// <summary>Whether <paramref name="record"/> meets every criterion given.</summary>
    public bool Matches(TRecord record)
    {
        bool alone = SelectsAlone;
        for (int i = 0; i < table.Count; i++)
        {
            if (_values[i] is { } values && table[i].SelectsAlone == alone && !table[i].Matches(record, values))
            {
                return false;
            }
        }

        return true;
    }
}
