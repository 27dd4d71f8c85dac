using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Storage;

/// <summary>
/// How a store reads the page <see cref="IDlqStore.TakePageAsync"/> takes: one entry more than the query's limit, so
/// that the extra entry, which stays, tells whether the selection continues after the page. Public so that every store
/// pages its takes the same way.
/// </summary>
public static class TakenPages
{
    /// <summary>
    /// The query to read: <paramref name="query"/>'s selection and position, and one more than its limit (the query
    /// itself when its limit is <see cref="int.MaxValue"/>: no page can hold more).
    /// </summary>
    /// <param name="query">The page to take.</param>
    /// <returns>The query to read.</returns>
    public static DlqQuery LookAhead(DlqQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return query.Limit == int.MaxValue ? query : new DlqQuery(query.Selection, query.After, query.Limit + 1);
    }

    /// <summary>Splits what <see cref="LookAhead"/> read into the page to take and where the next page starts.</summary>
    /// <typeparam name="T">What was read of each entry: the entry, or its key.</typeparam>
    /// <param name="read">What the look-ahead query read, in key order.</param>
    /// <param name="query">The page to take.</param>
    /// <param name="key">The key of what was read.</param>
    /// <returns>The first <see cref="DlqQuery.Limit"/> of <paramref name="read"/>, and the key of the last of them when more were read.</returns>
    public static (IReadOnlyList<T> Page, DlqKey? Next) Split<T>(IReadOnlyList<T> read, DlqQuery query, Func<T, DlqKey> key)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(key);
        if (read.Count <= query.Limit)
        {
            return (read, null);
        }

        T[] page = read.Take(query.Limit).ToArray();
        return (page, key(page[^1]));
    }
}
