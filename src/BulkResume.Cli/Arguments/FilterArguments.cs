namespace BulkResume.Cli.Arguments;

/// <summary>The selection flags as typed, before they are checked and turned into a <see cref="ResumeFilter"/> by <see cref="FilterBuilder"/>.</summary>
internal sealed record FilterArguments
{
    /// <summary>The criteria flags given and their values as typed, in the order of <see cref="FilterFlags"/>.</summary>
    public IReadOnlyList<(FilterFlag Flag, string Value)> Criteria { get; init; } = [];

    public IReadOnlyList<string> Ids { get; init; } = [];

    public string? IdsFile { get; init; }

    public bool All { get; init; }

    /// <summary>The criteria flags that were given, for messages such as "--all can't be combined with --workflow-url".</summary>
    public IReadOnlyList<string> CriteriaFlags => Criteria.Select(criterion => criterion.Flag.Name).Distinct().ToArray();
}
