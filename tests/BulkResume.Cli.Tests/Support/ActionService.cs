using System.Globalization;
using WireMock;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BulkResume.Cli.Tests.Support;

/// <summary>
/// The hosted service's bulk-action endpoints, mocked with WireMock on loopback: what starts an action answers its id,
/// reads of the action answer a given series of statuses (the last from then on), and the list answers given pages.
/// A <see cref="CliHarness"/> from <see cref="Cli"/> sends its requests here over real HTTP, still counted.
/// </summary>
internal sealed class ActionService : IDisposable
{
    public const string ActionsPath = "/v2/workflows/bulkActions";
    public const string ResumeBulkPath = "/v2/workflows/dlq/resume/bulk";
    public const string RestartBulkPath = "/v2/workflows/dlq/restart/bulk";
    public const string DeleteBulkPath = "/v2/workflows/dlq/bulk";

    private const long CreatedAt = 1752829295505;

    public WireMockServer Server { get; } = WireMockServer.Start();

    public string Url => Server.Url!;

    /// <summary>The requests received, in order.</summary>
    public IReadOnlyList<IRequestMessage> Requests => [.. Server.LogEntries.Select(entry => entry.RequestMessage).OrderBy(request => request.DateTime)];

    /// <summary>The reads of one action received.</summary>
    public int ReadsOf(string actionId) => Requests.Count(request => request.Method == "GET" && request.Path == $"{ActionsPath}/{actionId}");

    /// <summary>Whether a request the CLI sent is the <paramref name="nth"/> read of an action, counted by the predicate itself (for <see cref="CliHarness.RequestStopWhen"/>).</summary>
    public static Func<HttpRequestMessage, bool> NthRead(int nth)
    {
        var reads = 0;
        return request => request.Method == HttpMethod.Get && request.RequestUri!.AbsolutePath.StartsWith(ActionsPath + "/", StringComparison.Ordinal) && Interlocked.Increment(ref reads) == nth;
    }

    /// <summary>A CLI whose QSTASH_URL is this service, its requests over the network.</summary>
    public CliHarness Cli()
    {
        var cli = new CliHarness(_ => new SocketsHttpHandler());
        cli.Variables[WorkflowClientOptions.BaseUrlEnvironmentVariable] = Url;
        return cli;
    }

    /// <summary>A bulk action as the service answers it.</summary>
    public static string Action(string actionId, string kind, string state, long processed, long total, string filter = """{"workflowUrl":["https://shop.example.com/api/workflows/orders"]}""")
    {
        var completed = state == "FINISHED" ? string.Create(CultureInfo.InvariantCulture, $",\"completedAt\":{CreatedAt + 60_000}") : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $$"""{"actionId":"{{actionId}}","kind":"{{kind}}","state":"{{state}}","total":{{total}},"processed":{{processed}},"createdAt":{{CreatedAt}}{{completed}},"filter":{{filter}}}""");
    }

    /// <summary><paramref name="method"/> <paramref name="path"/> starts action <paramref name="actionId"/>.</summary>
    public void Starts(string method, string path, string actionId) =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Json(200, $$"""{"actionId":"{{actionId}}"}"""));

    /// <summary><paramref name="method"/> <paramref name="path"/> is refused with <paramref name="status"/>.</summary>
    public void Refuses(string method, string path, int status, string error) =>
        Server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(Json(status, $$"""{"error":"{{error}}"}"""));

    /// <summary>The reads of <paramref name="actionId"/> answer these in turn (status and body), the last from then on.</summary>
    public void Reads(string actionId, params (int Status, string Body)[] answers)
    {
        if (answers.Length == 1)
        {
            Server.Given(Request.Create().WithPath($"{ActionsPath}/{actionId}").UsingGet()).RespondWith(Json(answers[0].Status, answers[0].Body));
            return;
        }

        for (var i = 0; i < answers.Length; i++)
        {
            var mapping = Server.Given(Request.Create().WithPath($"{ActionsPath}/{actionId}").UsingGet()).AtPriority(answers.Length - i).InScenario($"reads of {actionId}");
            mapping = i == 0 ? mapping : mapping.WhenStateIs($"read {i}");
            mapping.WillSetStateTo($"read {Math.Min(i + 1, answers.Length - 1)}").RespondWith(Json(answers[i].Status, answers[i].Body));
        }
    }

    /// <summary>The reads of <paramref name="actionId"/> answer these statuses in turn, the last from then on.</summary>
    public void Reads(string actionId, params string[] actions) => Reads(actionId, [.. actions.Select(action => (200, action))]);

    /// <summary>The list answers these pages: the first to a request without a cursor, each next to the cursor the previous one gave (<c>c1</c>, <c>c2</c>, ...).</summary>
    public void Lists(params string[][] pages)
    {
        for (var i = 0; i < pages.Length; i++)
        {
            var request = Request.Create().WithPath(ActionsPath).UsingGet();
            request = i == 0 ? request : request.WithParam("cursor", $"c{i}");
            var cursor = i + 1 < pages.Length ? $"\"cursor\":\"c{i + 1}\"," : string.Empty;
            Server.Given(request).AtPriority(i == 0 ? 10 : 1).RespondWith(Json(200, $$"""{{{cursor}}"bulkActions":[{{string.Join(",", pages[i])}}]}"""));
        }
    }

    public void Dispose() => Server.Stop();

    private static IResponseBuilder Json(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
}
