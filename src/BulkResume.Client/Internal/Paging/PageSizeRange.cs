using System.Globalization;

namespace BulkResume.Internal.Paging;

/// <summary>The page sizes the service accepts, checked before anything is sent.</summary>
internal static class PageSizeRange
{
    /// <summary>The most entries a DLQ listing answers per request (<c>count</c>; also its default).</summary>
    public const int MaxList = 100;

    /// <summary>The most runs the run logs answer per request (<c>count</c>; also their default).</summary>
    public const int MaxRunLogs = 10;

    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is outside 1 to <paramref name="maxPageSize"/>.</exception>
    public static void Ensure(int? pageSize, int maxPageSize, string parameterName)
    {
        if (pageSize is { } size && (size < 1 || size > maxPageSize))
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                size,
                string.Create(CultureInfo.InvariantCulture, $"The page size must be between 1 and {maxPageSize} (the service's limit per request), or null for the default."));
        }
    }
}
