namespace BulkResume.IntegrationTests.Support;

/// <summary>Runs a pageable to the end.</summary>
internal static class Drain
{
    public static async Task<List<T>> AllAsync<T>(IAsyncEnumerable<T> source)
    {
        var items = new List<T>();
        await foreach (T item in source)
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>Collects into <paramref name="into"/>, so that what came before a failure is still there; returns the count.</summary>
    public static async Task<int> IntoAsync<T>(IAsyncEnumerable<T> source, List<T> into)
    {
        await foreach (T item in source)
        {
            into.Add(item);
        }

        return into.Count;
    }
}
