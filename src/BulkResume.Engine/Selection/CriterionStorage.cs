namespace BulkResume.Engine.Storage;

/// <summary>Where a SQL store keeps the value a selection criterion reads (<see cref="SelectionCriterion{TRecord}.SqlColumn"/> names it).</summary>
public enum CriterionStorage
{
    /// <summary>A text or 64-bit integer column of the record's table.</summary>
    Column,

    /// <summary>A text column that may be longer than an index row holds, indexed as the dialect indexes long text.</summary>
    LongTextColumn,

    /// <summary>The key's time column (<c>created_at</c>) of the table a query reads in key order.</summary>
    KeyTime,

    /// <summary>The label table: one row a label of the record.</summary>
    LabelTable,

    /// <summary>
    /// A property of the record's stored JSON (a dotted path), for a value without a column of its own; for a criterion
    /// with <see cref="SelectionCriterion{TRecord}.ManyPerRecord"/>, an array of text.
    /// </summary>
    StoredJson,

    /// <summary>A time column in UTC ticks, selected to the millisecond (the values are Unix milliseconds).</summary>
    MillisecondOfTicks,

    /// <summary>The id column with the <c>created_at</c> ticks column, selected as pairs (<c>id@</c>Unix milliseconds).</summary>
    IdAtMillisecond,
}
