using System.Globalization;

namespace BulkResume.Internal.Validation;

/// <summary>
/// The rules and wire forms of a run's settings headers (<c>Upstash-Retries</c>, <c>-Delay</c>, <c>-Retry-Delay</c>,
/// <c>-Label</c>, <c>-Failure-Callback</c>), written once for the overrides of a resume and the options of a trigger.
/// </summary>
/// <remarks>
/// Each takes the option's name as the caller sees it (<c>ResumeOptions.Delay</c>, <c>WorkflowTriggerRequest.Delay</c>)
/// and what leaving it null means there, so the refusal names the property and the fix.
/// </remarks>
internal static class RunSettingRules
{
    /// <summary>The <c>Upstash-Retries</c> value: 0 or more.</summary>
    /// <param name="retries">The retry count.</param>
    /// <param name="option">The option, for the message: <c>ResumeOptions.Retries</c>.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="whenNull">What null does, for the message: <c>keep each run's original retries</c>.</param>
    public static string Retries(int retries, string option, string parameterName, string whenNull)
    {
        if (retries < 0)
        {
            throw new ArgumentOutOfRangeException(parameterName, retries, $"{option} must be 0 or more, or null to {whenNull}.");
        }

        return retries.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>&lt;value&gt;&lt;unit&gt;</c> in the largest of d, h, m, s that divides the delay exactly: <c>1d</c>, <c>2h</c>, <c>5m</c>, <c>90s</c>, <c>0s</c>.</summary>
    /// <param name="delay">The delay: whole seconds, zero or more.</param>
    /// <param name="option">The option, for the message.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    public static string Delay(TimeSpan delay, string option, string parameterName)
    {
        if (delay < TimeSpan.Zero || delay.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            throw new ArgumentOutOfRangeException(
                parameterName,
                delay,
                $"{option} must be a whole number of seconds, zero or more (the header's units are s, m, h and d), such as TimeSpan.FromSeconds(90); leave it null to run the next step at once.");
        }

        var seconds = delay.Ticks / TimeSpan.TicksPerSecond;
        var (value, unit) = seconds == 0 ? (0, 's')
            : seconds % 86_400 == 0 ? (seconds / 86_400, 'd')
            : seconds % 3_600 == 0 ? (seconds / 3_600, 'h')
            : seconds % 60 == 0 ? (seconds / 60, 'm')
            : (seconds, 's');
        return value.ToString(CultureInfo.InvariantCulture) + unit;
    }

    /// <summary>The <c>Upstash-Label</c> value: the labels comma-joined, at least one, each a list value in ASCII.</summary>
    /// <param name="labels">The labels.</param>
    /// <param name="option">The option, for the message: <c>ResumeOptions.Labels</c>.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="whenEmpty">What to do instead of an empty list, for the message.</param>
    /// <param name="expected">What each label is, for the message: <c>a label for the new runs</c>.</param>
    public static string Labels(IReadOnlyList<string> labels, string option, string parameterName, string whenEmpty, string expected)
    {
        if (labels.Count == 0)
        {
            throw new ArgumentException($"{option} is empty: {whenEmpty}", parameterName);
        }

        for (var i = 0; i < labels.Count; i++)
        {
            var subject = string.Create(CultureInfo.InvariantCulture, $"{option}[{i}]");
            WireText.EnsureListValue(labels[i], parameterName, subject, expected, "Give each label as its own item: they are sent comma-joined in Upstash-Label.");
            WireText.EnsureAscii(labels[i], parameterName, subject);
        }

        return string.Join(',', labels);
    }

    /// <summary>The <c>Upstash-Failure-Callback</c> value: an absolute http or https URL.</summary>
    /// <param name="callback">The URL.</param>
    /// <param name="option">The option, for the message.</param>
    /// <param name="parameterName">The caller's parameter.</param>
    /// <param name="whenNull">What null does, for the message.</param>
    public static string FailureCallback(Uri callback, string option, string parameterName, string whenNull)
    {
        if (!WorkflowClientOptions.IsHttp(callback))
        {
            throw new ArgumentException(
                $"{option} must be an absolute http or https URL such as https://example.com/api/failed, not \"{callback.OriginalString}\"; leave it null to {whenNull}.",
                parameterName);
        }

        return callback.AbsoluteUri;
    }
}
