namespace BulkResume.Cli.Arguments;

/// <summary>A filter and how to show it to the operator.</summary>
internal sealed record Selection(ResumeFilter Filter, string Description)
{
    public static Selection Of(ResumeFilter filter) => new(filter, filter.ToString());
}
