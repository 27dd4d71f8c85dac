namespace BulkResume.Cli.Output.Json;

/// <summary>One bulk action in <c>--json</c> output, as the service reports it: <c>kind</c> and <c>state</c> are its wire values (<c>resume</c>, <c>IN_PROGRESS</c>), a value it added included.</summary>
/// <remarks><c>filter</c> is the selection as the service received it: each query parameter's name and values.</remarks>
internal sealed record ActionDocument(
    string ActionId,
    string Kind,
    string State,
    long Total,
    long Processed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Filter)
{
    public static ActionDocument From(BulkAction action) => new(
        action.ActionId, action.Kind.ToString(), action.State.ToString(), action.Total, action.Processed, action.CreatedAt, action.CompletedAt, action.Filter);
}
