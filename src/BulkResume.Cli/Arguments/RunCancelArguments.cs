namespace BulkResume.Cli.Arguments;

/// <summary>The selection flags of <c>runs cancel</c> as typed, before <see cref="RunCancelSelection.Build"/> checks them.</summary>
internal sealed record RunCancelArguments
{
    /// <summary>The one run id given as the argument, if any.</summary>
    public string? RunId { get; init; }

    public IReadOnlyList<string> Ids { get; init; } = [];

    public string? IdsFile { get; init; }

    /// <summary>The criteria flags given and their values as typed, in the order of <see cref="RunCancelSelection.Criteria"/>.</summary>
    public IReadOnlyList<(string Flag, string Value)> Criteria { get; init; } = [];

    public bool All { get; init; }
}
