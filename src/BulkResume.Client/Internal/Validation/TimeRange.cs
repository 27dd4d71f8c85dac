using System.Globalization;

namespace BulkResume.Internal.Validation;

/// <summary>The one rule for a filter's inclusive time range (<c>fromDate</c>, <c>toDate</c>): the start is not after the end.</summary>
internal static class TimeRange
{
    /// <param name="from">The start as sent (Unix milliseconds), if set.</param>
    /// <param name="to">The end as sent (Unix milliseconds), if set.</param>
    /// <param name="parameterName">The parameter that was just set, for <see cref="ArgumentException.ParamName"/>.</param>
    /// <param name="fromMethod">The method that sets the start, for the message: <c>FailedAfter</c>.</param>
    /// <param name="toMethod">The method that sets the end, for the message: <c>FailedBefore</c>.</param>
    /// <exception cref="ArgumentException">The start is after the end.</exception>
    public static void Ensure(long? from, long? to, string parameterName, string fromMethod, string toMethod)
    {
        if (from is { } start && to is { } end && start > end)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"{fromMethod} ({DateTimeOffset.FromUnixTimeMilliseconds(start):O}) is later than {toMethod} ({DateTimeOffset.FromUnixTimeMilliseconds(end):O}). Swap them or widen the range."),
                parameterName);
        }
    }
}
