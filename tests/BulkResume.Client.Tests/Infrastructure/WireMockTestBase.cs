using System.Text.Json;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace BulkResume.Client.Tests.Infrastructure;

/// <summary>A WireMock server per test class instance and a client pointed at it; tests assert on the recorded requests.</summary>
public abstract class WireMockTestBase : IDisposable
{
    protected const string Token = "test-token-123";
    protected const string ResumePath = "/v2/workflows/dlq/resume";

    protected WireMockTestBase()
    {
        Server = WireMockServer.Start();
        // Contract tests look at single requests and their mapping; the resilience tests turn retries on.
        Client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = new Uri(Server.Url!), Token = Token, Retry = { Enabled = false } });
    }

    protected WireMockServer Server { get; }

    protected WorkflowClient Client { get; }

    /// <summary>The requests the server received, in order.</summary>
    protected IReadOnlyList<IRequestMessage> Requests =>
        Server.LogEntries.Select(entry => entry.RequestMessage).OrderBy(request => request.DateTime).ToList();

    /// <summary>Answers bulk resume with <paramref name="body"/>; when <paramref name="cursor"/> is given, only requests carrying that cursor.</summary>
    protected void StubResume(string body, string? cursor = null, int status = 200) => Stub("POST", ResumePath, body, cursor, status);

    /// <summary>
    /// Answers <paramref name="method"/> <paramref name="path"/> with <paramref name="body"/> (JSON, or nothing when null);
    /// when <paramref name="cursor"/> is given, only requests carrying that cursor (they win over the stub without one).
    /// </summary>
    protected void Stub(string method, string path, string? body, string? cursor = null, int status = 200)
    {
        var request = Request.Create().WithPath(path).UsingMethod(method);
        if (cursor is not null)
        {
            request = request.WithParam("cursor", cursor);
        }

        var response = Response.Create().WithStatusCode(status);
        if (body is not null)
        {
            response = response.WithHeader("Content-Type", "application/json").WithBody(body);
        }

        Server.Given(request).AtPriority(cursor is null ? 10 : 1).RespondWith(response);
    }

    protected static string RunsJson(string? cursor, params string[] runIds)
    {
        var runs = string.Join(",", runIds.Select((id, i) => $$"""{"workflowRunId":"{{id}}","workflowCreatedAt":{{1752829301000 + i}}}"""));
        var cursorPart = cursor is null ? string.Empty : $$"""
            "cursor":"{{cursor}}",
            """;
        return $$"""{{{cursorPart}}"workflowRuns":[{{runs}}]}""";
    }

    protected static string QueryOf(IRequestMessage request) => (request.RawQuery ?? string.Empty).TrimStart('?');

    /// <summary>
    /// The ids a request by ids named, in order: the JSON body's <paramref name="name"/> array when it has a body (the
    /// <c>/multi</c> endpoints), otherwise the repeated <paramref name="name"/> parameters of its query.
    /// </summary>
    protected static string[] IdsOf(IRequestMessage request, string name = "dlqIds") =>
        string.IsNullOrEmpty(request.Body)
            ? QueryOf(request).Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Where(parameter => parameter.StartsWith(name + "=", StringComparison.Ordinal))
                .Select(parameter => Uri.UnescapeDataString(parameter[(name.Length + 1)..]))
                .ToArray()
            : JsonDocument.Parse(request.Body).RootElement.GetProperty(name).EnumerateArray().Select(id => id.GetString()!).ToArray();

    /// <summary>Matches a request whose first DLQ id is <paramref name="firstId"/>: in a JSON body on a <c>/multi</c> endpoint, otherwise in the query.</summary>
    protected static IRequestBuilder WithFirstDlqId(IRequestBuilder request, string path, string firstId) =>
        path.EndsWith("/multi", StringComparison.Ordinal)
            ? request.WithBody((WireMock.Util.IBodyData? body) => body?.BodyAsString is { } json && JsonDocument.Parse(json).RootElement.GetProperty("dlqIds")[0].GetString() == firstId)
            : request.WithParam(query => query.TryGetValue("dlqIds", out var ids) && ids[0] == firstId);

    protected static string? HeaderOf(IRequestMessage request, string name) =>
        request.Headers is { } headers && headers.TryGetValue(name, out var values) ? string.Join(",", values) : null;

    /// <summary>
    /// Asserts that <paramref name="call"/> is refused with exactly <typeparamref name="TException"/>, naming
    /// <paramref name="parameter"/> and saying <paramref name="fix"/>, before any request reached the server.
    /// </summary>
    protected async Task<TException> AssertRefusedBeforeSendingAsync<TException>(Func<Task> call, string parameter, string fix, string because = "")
        where TException : ArgumentException
    {
        var error = await Assert.ThrowsAsync<TException>(call);
        Assert.True(parameter == error.ParamName, $"{because}: ParamName {error.ParamName}");
        Assert.True(error.Message.Contains(fix, StringComparison.Ordinal), $"{because}: {error.Message}");
        Assert.Empty(Requests);
        return error;
    }

    protected static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source, CancellationToken cancellationToken = default)
    {
        var list = new List<T>();
        await foreach (var item in source.WithCancellation(cancellationToken))
        {
            list.Add(item);
        }

        return list;
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
        GC.SuppressFinalize(this);
    }
}
