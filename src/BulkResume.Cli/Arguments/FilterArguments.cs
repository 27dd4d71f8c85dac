namespace BulkResume.Cli.Arguments;

/// <summary>The selection flags as typed, before they are checked and turned into a <see cref="ResumeFilter"/> by <see cref="FilterBuilder"/>.</summary>
internal sealed record FilterArguments
{
    public string? From { get; init; }

    public string? To { get; init; }

    public IReadOnlyList<string> WorkflowUrls { get; init; } = [];

    public string? WorkflowRunId { get; init; }

    public string? CreatedAt { get; init; }

    public IReadOnlyList<string> Labels { get; init; } = [];

    public IReadOnlyList<string> FlowControlKeys { get; init; } = [];

    public IReadOnlyList<string> CallerIps { get; init; } = [];

    public IReadOnlyList<string> CallbackStates { get; init; } = [];

    public IReadOnlyList<string> Ids { get; init; } = [];

    public string? IdsFile { get; init; }

    public bool All { get; init; }

    /// <summary>The criteria flags that were given, for messages such as "--all can't be combined with --workflow-url".</summary>
    public IReadOnlyList<string> CriteriaFlags =>
        new (string Flag, bool Given)[]
        {
            ("--from", From is not null),
            ("--to", To is not null),
            ("--workflow-url", WorkflowUrls.Count > 0),
            ("--run-id", WorkflowRunId is not null),
            ("--created-at", CreatedAt is not null),
            ("--label", Labels.Count > 0),
            ("--flow-control-key", FlowControlKeys.Count > 0),
            ("--caller-ip", CallerIps.Count > 0),
            ("--callback-state", CallbackStates.Count > 0),
        }.Where(flag => flag.Given).Select(flag => flag.Flag).ToArray();
}
