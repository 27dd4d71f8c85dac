namespace BulkResume.Engine.Resume;

/// <summary>
/// The valid ranges of <see cref="ResumeOverrides"/>, in one place for the engine and the HTTP header parser, each
/// returning what is wrong (for the caller to prefix with the name it knows the value by) or <see langword="null"/>.
/// </summary>
internal static class ResumeOverrideRules
{
    public static string? CheckParallelism(int value) => value < 1 ? $"must be at least 1; got {value}." : null;

    public static string? CheckRate(int value) => value < 1 ? $"must be at least 1; got {value}." : null;

    public static string? CheckPeriod(TimeSpan value) => value <= TimeSpan.Zero ? $"must be positive; got {value}." : null;

    public static string? CheckRetries(int value) => value < 0 ? $"must be 0 or more; got {value}." : null;

    public static string? CheckFlowControlKey(string value) =>
        string.IsNullOrWhiteSpace(value) ? "must not be empty; leave it out to keep the original key." : null;

    /// <summary>Throws a 400 naming the first override out of range; changes nothing.</summary>
    public static void Validate(ResumeOverrides overrides)
    {
        Check(overrides.FlowControlKey is { } key ? CheckFlowControlKey(key) : null, nameof(ResumeOverrides.FlowControlKey));
        Check(overrides.Parallelism is { } parallelism ? CheckParallelism(parallelism) : null, nameof(ResumeOverrides.Parallelism));
        Check(overrides.Rate is { } rate ? CheckRate(rate) : null, nameof(ResumeOverrides.Rate));
        Check(overrides.Period is { } period ? CheckPeriod(period) : null, nameof(ResumeOverrides.Period));
        Check(overrides.Retries is { } retries ? CheckRetries(retries) : null, nameof(ResumeOverrides.Retries));
    }

    private static void Check(string? problem, string property)
    {
        if (problem is not null)
        {
            throw DlqEngineException.BadRequest("overrides", $"overrides.{property} {problem}");
        }
    }
}
