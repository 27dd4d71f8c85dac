using System.Data.Common;
using System.Text;
using System.Text.Json;

namespace BulkResume.Engine.Sql;

/// <summary>
/// What one SQL database says its own way in the queries of <see cref="SqlDlqQueryBuilder"/> and
/// <see cref="SqlRunQueryBuilder"/>: how a table is named, how the stored JSON is read, how a value is tested against a
/// list or a prefix, how branches are merged, and how a parameter is added.
/// </summary>
/// <remarks>
/// <para>Public so that a store over another SQL database builds the same indexed keyset queries as the PostgreSQL and
/// SQLite stores do.</para>
/// The queries expect the tables of those stores: <c>dlq_entries</c> (<c>dlq_id</c>, <c>created_at</c> in UTC ticks,
/// <c>workflow_url</c>, <c>workflow_run_id</c>, <c>workflow_created_ms</c>, <c>flow_control_key</c>, <c>caller_ip</c>,
/// <c>callback_state</c>, <c>entry</c>), <c>dlq_labels</c> (<c>label</c>, <c>created_at</c>, <c>dlq_id</c>) and
/// <c>runs</c> (<c>workflow_run_id</c>, <c>state</c>, <c>workflow_url</c>, <c>created_at</c> in UTC ticks,
/// <c>flow_control_key</c>, <c>caller_ip</c>, <c>run</c>), with an index (value, created_at, dlq_id) for each filter
/// column of the entries.
/// Parameters are written <c>@name</c> in the SQL text.
/// </remarks>
public abstract class SqlDialect
{
    /// <summary>Strings as one JSON array, for a database that reads a list from one text parameter.</summary>
    /// <param name="values">The strings.</param>
    /// <returns>The JSON text.</returns>
    public static string JsonArray(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (string value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The column type of ids, URLs and keys, compared byte by byte (ordinal): <c>TEXT</c>, or <c>text COLLATE "C"</c>.</summary>
    public abstract string KeyText { get; }

    /// <summary>The column type of a 64-bit integer (UTC ticks, Unix milliseconds).</summary>
    public abstract string Int64 { get; }

    /// <summary>The column type of a stored entry or run (JSON text or a JSON type).</summary>
    public abstract string Json { get; }

    /// <summary>
    /// What follows the label table's <c>dlq_id</c> column: a foreign key that removes an entry's labels with it, or
    /// nothing where the store removes them itself.
    /// </summary>
    public virtual string LabelEntryReference => string.Empty;

    /// <summary>What follows the label table's definition, such as SQLite's <c>WITHOUT ROWID</c>.</summary>
    public virtual string LabelTableOptions => string.Empty;

    /// <summary>
    /// What ends a select that picks rows to claim, so that transactions claiming at the same time pass over each
    /// other's rows instead of waiting for them or claiming them twice: PostgreSQL's <c>FOR UPDATE SKIP LOCKED</c>; nothing
    /// where one transaction writes at a time (SQLite).
    /// </summary>
    public abstract string SkipLocked { get; }

    /// <summary>The expression of the greater of two integer expressions, such as <c>GREATEST(a, b)</c>.</summary>
    /// <param name="first">The first expression.</param>
    /// <param name="second">The second expression.</param>
    /// <returns>The expression.</returns>
    public abstract string Greatest(string first, string second);

    /// <summary>The expression that reads the text at <paramref name="path"/> (property names) of the JSON in <paramref name="column"/>.</summary>
    /// <param name="column">The column that holds the stored JSON.</param>
    /// <param name="path">The property names from the top of the document.</param>
    /// <returns>The expression.</returns>
    public abstract string JsonText(string column, params string[] path);

    /// <summary>The expression that reads a time the stored JSON holds at property <paramref name="property"/> as UTC ticks.</summary>
    /// <param name="column">The column that holds the stored JSON.</param>
    /// <param name="property">The property at the top of the document.</param>
    /// <returns>The expression.</returns>
    public abstract string JsonTimeTicks(string column, string property);

    /// <summary>
    /// The keyword that joins an entry to the label row that found it, where the labels must stay the outer loop so that
    /// their index drives the branch: <c>CROSS JOIN</c> in SQLite, whose planner keeps the order of a cross join;
    /// <c>JOIN</c> where the planner finds that order itself.
    /// </summary>
    public abstract string OrderedJoin { get; }

    /// <summary>The name to write for one of the store's tables.</summary>
    /// <param name="name">The table's bare name, such as <c>dlq_entries</c>.</param>
    /// <returns>The name as the SQL text writes it, for example qualified by a schema.</returns>
    public abstract string Table(string name);

    /// <summary>The expression that reads a column holding a stored entry or run as JSON text.</summary>
    /// <param name="column">The column, such as <c>e.entry</c>.</param>
    /// <returns>The expression, for example the column cast to text.</returns>
    public abstract string JsonColumn(string column);

    /// <summary>
    /// What an index keeps of a long text column (the workflow URL): the column itself by default; a database whose index
    /// rows are bounded (PostgreSQL's B-tree takes at most 2,704 bytes a row) indexes a hash of it instead.
    /// </summary>
    /// <param name="column">The column, or a parameter as the SQL text writes it.</param>
    /// <returns>The expression the index keeps.</returns>
    public virtual string IndexedText(string column) => column;

    /// <summary>
    /// The condition that the long text <paramref name="column"/> equals <paramref name="value"/>, written so that the
    /// index of <see cref="IndexedText"/> serves it: a hash is compared first, then the text itself.
    /// </summary>
    /// <param name="column">The column.</param>
    /// <param name="value">The parameter that holds the value, as the SQL text writes it.</param>
    /// <returns>The condition.</returns>
    public string LongTextEquals(string column, string value)
    {
        string indexed = IndexedText(column);
        return indexed == column ? $"{column} = {value}" : $"{indexed} = {IndexedText(value)} AND {column} = {value}";
    }

    /// <summary>The condition that <paramref name="column"/> starts with the string in <paramref name="prefix"/>.</summary>
    /// <param name="column">The column.</param>
    /// <param name="prefix">The parameter that holds the prefix, as the SQL text writes it.</param>
    /// <returns>The condition.</returns>
    public abstract string StartsWith(string column, string prefix);

    /// <summary>
    /// The condition that <paramref name="column"/> is one of <paramref name="values"/>, however many they are: a list
    /// of DLQ ids, for example.
    /// </summary>
    /// <param name="command">The command that gets the parameters.</param>
    /// <param name="column">The column.</param>
    /// <param name="values">The values; at least one.</param>
    /// <returns>The condition.</returns>
    /// <remarks>Adds the parameters it needs to <paramref name="command"/>.</remarks>
    public abstract string InSet(DbCommand command, string column, IReadOnlyList<string> values);

    /// <summary>
    /// The condition that <paramref name="column"/> is one of the few <paramref name="values"/> of a filter; by default
    /// <c>column IN (@p0, @p1, ...)</c>, one parameter a value, which lets a planner probe an index once a value.
    /// </summary>
    /// <param name="command">The command that gets the parameters.</param>
    /// <param name="column">The column.</param>
    /// <param name="values">The values; at least one.</param>
    /// <returns>The condition.</returns>
    public virtual string InList(DbCommand command, string column, IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return column + " IN (" + string.Join(", ", values.Select(value => AddParameter(command, value))) + ")";
    }

    /// <summary>
    /// The condition that the JSON array property <paramref name="property"/> of the stored document in
    /// <paramref name="jsonColumn"/> holds at least one of <paramref name="values"/> (a run's labels, for example).
    /// </summary>
    /// <param name="command">The command that gets the parameters.</param>
    /// <param name="jsonColumn">The column that holds the stored JSON.</param>
    /// <param name="property">The array's property at the document's top level.</param>
    /// <param name="values">The values; at least one.</param>
    /// <returns>The condition.</returns>
    public abstract string JsonArrayOverlaps(DbCommand command, string jsonColumn, string property, IReadOnlyList<string> values);

    /// <summary>One branch of a merge, as an operand of <c>UNION</c> that may have its own <c>ORDER BY</c> and <c>LIMIT</c>.</summary>
    /// <param name="select">The branch's <c>SELECT</c> statement.</param>
    /// <returns>The operand.</returns>
    public abstract string UnionOperand(string select);

    /// <summary>The merged branches as a table of a <c>FROM</c> clause.</summary>
    /// <param name="union">The branches joined by <c>UNION</c> or <c>UNION ALL</c>.</param>
    /// <returns>The derived table.</returns>
    public abstract string DerivedTable(string union);

    /// <summary>Adds a parameter named <paramref name="name"/> to <paramref name="command"/>.</summary>
    /// <param name="command">The command.</param>
    /// <param name="name">The parameter's bare name, such as <c>limit</c>.</param>
    /// <param name="value">The value.</param>
    /// <returns>The parameter as the SQL text writes it: <c>@name</c>.</returns>
    public string AddParameter(DbCommand command, string name, object value)
    {
        ArgumentNullException.ThrowIfNull(command);
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = ParameterName(name);
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return "@" + name;
    }

    /// <summary>Adds a parameter named <c>p</c><i>n</i>, where <i>n</i> is the number of parameters the command has so far.</summary>
    /// <param name="command">The command.</param>
    /// <param name="value">The value.</param>
    /// <returns>The parameter as the SQL text writes it: <c>@p</c><i>n</i>.</returns>
    public string AddParameter(DbCommand command, object value)
    {
        ArgumentNullException.ThrowIfNull(command);
        return AddParameter(command, "p" + command.Parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
    }

    /// <summary>The name the command's parameter collection knows the parameter <c>@name</c> by; by default <c>@name</c>.</summary>
    /// <param name="name">The parameter's bare name.</param>
    /// <returns>The name to give the <see cref="DbParameter"/>.</returns>
    protected virtual string ParameterName(string name) => "@" + name;
}
