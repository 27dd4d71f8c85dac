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
}
