using System.Globalization;

namespace BulkResume.Internal.Validation;

/// <summary>The one rule for how many requests a bulk operation may keep in flight (<c>MaxConcurrency</c>).</summary>
internal static class ConcurrencyRange
{
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxConcurrency"/> is outside 1 to <see cref="ResumeOptions.MaxConcurrencyLimit"/>.</exception>
    /// <param name="maxConcurrency">The value given.</param>
    /// <param name="parameterName">The options parameter, for <see cref="ArgumentException.ParamName"/>.</param>
    /// <param name="optionName">The option as the caller wrote it, for the message: <c>ResumeOptions.MaxConcurrency</c>.</param>
    public static void Ensure(int? maxConcurrency, string parameterName, string optionName)
    {
        if (maxConcurrency is < 1 or > ResumeOptions.MaxConcurrencyLimit)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                maxConcurrency,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{optionName} must be between 1 and {ResumeOptions.MaxConcurrencyLimit} (requests in flight at once), or null for one request at a time."));
        }
    }
}
