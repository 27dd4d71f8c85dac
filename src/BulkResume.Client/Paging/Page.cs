namespace BulkResume;

/// <summary>One page of a paged operation: its values and the token that continues after it.</summary>
/// <typeparam name="T">The item type.</typeparam>
public sealed class Page<T>
{
    private Page(IReadOnlyList<T> values, string? continuationToken)
    {
        Values = values;
        ContinuationToken = continuationToken;
    }

    /// <summary>The items of this page.</summary>
    public IReadOnlyList<T> Values { get; }

    /// <summary>
    /// Pass this to <see cref="AsyncPageable{T}.AsPages(string?, int?)"/> to continue after this page, now or later;
    /// null when this is the last page.
    /// </summary>
    public string? ContinuationToken { get; }

    /// <summary>Creates a page, for example to return from a mocked client.</summary>
    /// <param name="values">The items.</param>
    /// <param name="continuationToken">The token of the next page, or null for the last page.</param>
    /// <returns>The page.</returns>
    public static Page<T> FromValues(IReadOnlyList<T> values, string? continuationToken)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new Page<T>(values, string.IsNullOrEmpty(continuationToken) ? null : continuationToken);
    }
}
