namespace BulkResume.Cli.Arguments;

/// <summary>One selection flag of <see cref="FilterFlags"/>: its name and help, and the <see cref="ResumeFilter"/> method its value goes to.</summary>
internal sealed class FilterFlag
{
    private readonly Func<ResumeFilter, string, ResumeFilter>? _text;
    private readonly Func<ResumeFilter, DateTimeOffset, ResumeFilter>? _time;

    private FilterFlag(string name, string helpName, string description, bool repeatable, Func<ResumeFilter, string, ResumeFilter>? text, Func<ResumeFilter, DateTimeOffset, ResumeFilter>? time)
    {
        Name = name;
        HelpName = helpName;
        Description = description;
        Repeatable = repeatable;
        _text = text;
        _time = time;
    }

    /// <summary>The flag as typed: <c>--label</c>.</summary>
    public string Name { get; }

    /// <summary>The value's name in the help: <c>LABEL</c>.</summary>
    public string HelpName { get; }

    /// <summary>The help text.</summary>
    public string Description { get; }

    /// <summary>True when the flag may be given several times (its method adds a value).</summary>
    public bool Repeatable { get; }

    /// <summary>True for a time flag: its value is read by <see cref="PointInTime"/>, and shown resolved.</summary>
    public bool IsTime => _time is not null;

    /// <summary>A flag whose text goes to <paramref name="apply"/> as typed.</summary>
    public static FilterFlag Text(string name, string helpName, string description, bool repeatable, Func<ResumeFilter, string, ResumeFilter> apply) =>
        new(name, helpName, description, repeatable, apply, time: null);

    /// <summary>A time flag (ISO 8601 or relative to now), given once.</summary>
    public static FilterFlag Time(string name, string description, Func<ResumeFilter, DateTimeOffset, ResumeFilter> apply) =>
        new(name, "TIME", $"{description}: {PointInTime.Help}.", repeatable: false, text: null, apply);

    /// <summary>Reads a time flag's value; relative times count back from <paramref name="now"/>.</summary>
    /// <exception cref="UsageException">Not a time; the message names the flag.</exception>
    public DateTimeOffset ReadTime(string text, DateTimeOffset now) => PointInTime.Parse(text, now, Name);

    /// <summary>Narrows <paramref name="filter"/> by a text flag's value.</summary>
    public ResumeFilter Apply(ResumeFilter filter, string text) => _text!(filter, text);

    /// <summary>Narrows <paramref name="filter"/> by a time flag's value, read by <see cref="ReadTime"/>.</summary>
    public ResumeFilter Apply(ResumeFilter filter, DateTimeOffset time) => _time!(filter, time);
}
