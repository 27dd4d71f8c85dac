namespace BulkResume.Engine.Http.Wire;

/// <summary>A run's <c>failureFunction</c> in the run logs: the callback's URL, its state, the failure it reports and its answer.</summary>
internal sealed class FailureFunctionBody
{
    public required string Url { get; init; }

    public string? State { get; init; }

    public int? FailStatus { get; init; }

    public string? FailResponse { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? FailHeaders { get; init; }

    public int? ResponseStatus { get; init; }

    public string? ResponseBody { get; init; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>>? ResponseHeaders { get; init; }

    public static FailureFunctionBody From(RunFailureFunction function, BodyTrim trim) => new()
    {
        Url = function.Url,
        State = function.State is { } state ? WireNames.Of(state) : null,
        FailStatus = function.FailStatus,
        FailResponse = trim.Apply(function.FailResponse),
        FailHeaders = DlqMessageBody.NullIfEmpty(function.FailHeaders),
        ResponseStatus = function.ResponseStatus,
        ResponseBody = trim.Apply(function.ResponseBody),
        ResponseHeaders = DlqMessageBody.NullIfEmpty(function.ResponseHeaders),
    };
}
