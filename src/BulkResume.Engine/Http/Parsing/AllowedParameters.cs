
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>
/// The query parameters one endpoint takes, checked before it runs: a parameter it does not take (misspelt, wrongly cased,
/// an old name), a blank value or one with a control character is a 400 that names the parameter and changes nothing,
/// because a filter the engine ignored would widen a bulk action to every entry.
/// </summary>
internal sealed class AllowedParameters
{
    /// <summary>The query-string form of the token, which every endpoint takes (the authenticator reads it).</summary>
    public const string TokenParameter = "qstash_token";

    /// <summary>The run logs' one parameter beyond their selection and paging: how much of each body to show.</summary>
    public const string RunLogsTrimBody = "trimBody";

    /// <summary>The bulk cancel's switch from a prefix match of <c>workflowUrl</c> to an exact one.</summary>
    public const string RunsCancelExactMatch = "workflowUrlExactMatch";

    /// <summary>The bulk cancel's cap on how many runs it cancels (deprecated by the service, still honoured: it only narrows).</summary>
    public const string RunsCancelCount = "count";

    /// <summary>The bulk cancel's switch to a bulk action: <c>true</c> or <c>false</c> (the default).</summary>
    public const string RunsCancelAsync = "async";

    /// <summary>The finishing call's switch on one run: <c>true</c> cancels it (the default), <c>false</c> ends it as succeeded.</summary>
    public const string FinishRunCancel = "cancel";

    /// <summary>The list of bulk actions' filter: <c>IN_PROGRESS</c> or <c>FINISHED</c>.</summary>
    public const string BulkActionStateParameter = "state";

    private const string ReadOneByOne = "list explicit entries by reading them one by one with GET /v2/workflows/dlq/{dlqId}";

    private static readonly string[] RunLogNames = [.. BulkRequestParser.Names(SelectionOperations.ListRuns), RunLogsTrimBody];

    /// <summary>Names the contract used before, and what they are now called.</summary>
    private static readonly Dictionary<string, string> Renamed = new(StringComparer.Ordinal)
    {
        ["failureCallbackState"] = "failureFunctionState",
        ["callerIP"] = "callerIp",
        ["url"] = "workflowUrl",
    };

    private readonly HashSet<string> _names;
    private readonly Dictionary<string, string> _notes;

    private AllowedParameters(IEnumerable<string> names, Dictionary<string, string>? notes = null)
    {
        _names = new HashSet<string>(names, StringComparer.Ordinal);
        _notes = notes ?? new Dictionary<string, string>(StringComparer.Ordinal);
        _notes.TryAdd("responseStatus", "responseStatus is no longer a filter of the DLQ; remove it");
    }

    /// <summary>An endpoint on one entry, which takes no parameter but the token.</summary>
    public static AllowedParameters None { get; } = new([]);

    /// <summary>The cancel of one run, which also ends a delivered run as the workflow SDK asks: <c>cancel</c>.</summary>
    public static AllowedParameters FinishRun { get; } = new([FinishRunCancel]);

    /// <summary>The DLQ listing: the criteria it takes (not <c>dlqIds</c>).</summary>
    public static AllowedParameters List { get; } = new(BulkRequestParser.Names(SelectionOperations.List), ListNotes());

    /// <summary>The listing's older path, which also takes <c>source</c>.</summary>
    public static AllowedParameters ListAlias { get; } = new([.. BulkRequestParser.Names(SelectionOperations.List), "source"], ListNotes());

    /// <summary>An operation on the entries a selection names, such as a bulk resume: the criteria it takes.</summary>
    public static AllowedParameters For(SelectionOperations operation) => new(BulkRequestParser.Names(operation));

    /// <summary>The list of bulk actions: its paging and the state it keeps.</summary>
    public static AllowedParameters BulkActionList { get; } = new([.. BulkRequestParser.PagingNames, BulkActionStateParameter]);

    /// <summary>The run logs.</summary>
    public static AllowedParameters RunLogs { get; } = new(RunLogNames);

    /// <summary>
    /// The bulk cancel of runs: its criteria (the same names whether <c>workflowUrl</c> matches as a prefix or exactly),
    /// <c>workflowUrlExactMatch</c>, <c>count</c> and <c>async</c>; no cursor, as it acts on every selected run in one call.
    /// </summary>
    public static AllowedParameters CancelRuns { get; } = new(
        BulkRequestParser.CriterionNames(SelectionOperations.CancelRuns)
            .Union(BulkRequestParser.CriterionNames(SelectionOperations.CancelRunsByExactUrl), StringComparer.Ordinal)
            .Concat([RunsCancelExactMatch, RunsCancelCount, RunsCancelAsync]));

    /// <summary>The run logs under the path the official TypeScript SDK calls, which also takes <c>groupBy</c>.</summary>
    public static AllowedParameters RunEvents { get; } = new([.. RunLogNames, "groupBy"]);

    /// <summary>Refuses a request whose query holds a parameter this endpoint does not take, or a value no parameter can have.</summary>
    /// <param name="request">The request.</param>
    /// <param name="endpoint">The endpoint as the message names it, like <c>POST /v2/workflows/dlq/resume</c>.</param>
    public void Check(DlqApiRequest request, string endpoint)
    {
        foreach ((string name, IReadOnlyList<string> values) in request.Query)
        {
            if (name == TokenParameter)
            {
                continue;
            }

            if (!_names.Contains(name))
            {
                throw DlqEngineException.BadRequest(
                    name,
                    $"{Describe(name)} is not a parameter of {endpoint}{Hint(name)} Nothing was changed; {endpoint} takes {(_names.Count == 0 ? "no query parameters" : string.Join(", ", _names))}.");
            }

            foreach (string value in values)
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    throw DlqEngineException.BadRequest(name, $"{name} is blank; give it a value or leave it out. Nothing was changed.");
                }

                if (TextChecks.HasControlCharacter(value))
                {
                    throw DlqEngineException.BadRequest(name, $"{name} contains a control character (such as NUL); remove it. Nothing was changed.");
                }
            }
        }
    }

    private static Dictionary<string, string> ListNotes() => new(StringComparer.Ordinal) { ["dlqIds"] = ReadOneByOne };

    private static string Describe(string name) => name.Length == 0 ? "A parameter without a name" : name;

    private string Hint(string name)
    {
        if (_notes.TryGetValue(name, out string? note))
        {
            return "; " + note + ".";
        }

        if (Renamed.TryGetValue(name, out string? current) && _names.Contains(current))
        {
            return $"; it is now called {current}.";
        }

        string? sameLetters = _names.FirstOrDefault(known => string.Equals(known, name, StringComparison.OrdinalIgnoreCase));
        if (sameLetters is not null)
        {
            return $". Did you mean {sameLetters}? Parameter names are case-sensitive.";
        }

        string? near = _names.FirstOrDefault(known => EditDistance(known.ToUpperInvariant(), name.ToUpperInvariant()) <= 2);
        // A question ends its own sentence, so each hint brings its own closing mark: never "did you mean label?."
        return near is null ? "." : $". Did you mean {near}?";
    }

    /// <summary>The Levenshtein distance, for the "did you mean" of a misspelt name.</summary>
    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
