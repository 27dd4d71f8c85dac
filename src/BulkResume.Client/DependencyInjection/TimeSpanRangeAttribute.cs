using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace BulkResume.DependencyInjection;

/// <summary>
/// Validates that a <see cref="TimeSpan"/> lies in a range, without the type converters that make
/// <c>RangeAttribute(typeof(TimeSpan), ...)</c> unsafe for trimming and AOT.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class TimeSpanRangeAttribute : ValidationAttribute
{
    public TimeSpanRangeAttribute(string minimum, string maximum)
    {
        Minimum = TimeSpan.Parse(minimum, CultureInfo.InvariantCulture);
        Maximum = TimeSpan.Parse(maximum, CultureInfo.InvariantCulture);
    }

    public TimeSpan Minimum { get; }

    public TimeSpan Maximum { get; }

    public override bool IsValid(object? value) => value is TimeSpan span && span >= Minimum && span <= Maximum;
}
