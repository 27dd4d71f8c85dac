using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Storage;

/// <summary>
/// How a take reads its page: one entry more than the query's limit, so that the extra entry, which stays, tells whether
/// the selection continues after the page.
/// </summary>
internal static class TakenPages
{
    /// <summary>The query to read: the page's selection and position, and one more than its limit (the query itself when its limit is <see cref="int.MaxValue"/>: no page can hold more).</summary>
    public static DlqQuery LookAhead(DlqQuery query) =>
        query.Limit == int.MaxValue ? query : new DlqQuery(query.Selection, query.After, query.Limit + 1);

    /// <summary>Splits what <see cref="LookAhead"/> read into the page to take and where the next page starts.</summary>
    public static (IReadOnlyList<T> Page, DlqKey? Next) Split<T>(IReadOnlyList<T> read, DlqQuery query, Func<T, DlqKey> key)
    {
        if (read.Count <= query.Limit)
        {
            return (read, null);
        }

        T[] page = read.Take(query.Limit).ToArray();
        return (page, key(page[^1]));
    }
}
