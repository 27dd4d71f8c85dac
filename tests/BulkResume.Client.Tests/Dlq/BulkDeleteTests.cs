using BulkResume.Client.Tests.Infrastructure;

namespace BulkResume.Client.Tests.Dlq;

/// <summary>Bulk delete: DELETE with the selection in the query, cursors followed to a total, ids in chunks of 50, the empty-filter guard.</summary>
public sealed class BulkDeleteTests : WireMockTestBase
{
    private const string DlqPath = "/v2/workflows/dlq";

    [Fact]
    public async Task Three_pages_are_followed_by_cursor_and_their_counts_summed()
    {
        Stub("DELETE", DlqPath, """{"deleted":50,"cursor":"c1"}""");
        Stub("DELETE", DlqPath, """{"deleted":50,"cursor":"c2"}""", cursor: "c1");
        Stub("DELETE", DlqPath, """{"deleted":12,"cursor":""}""", cursor: "c2");

        var deleted = await Client.Dlq.BulkDeleteAsync(ResumeFilter.Create().WithLabel("old"));

        Assert.Equal(112, deleted);
        var requests = Requests;
        Assert.All(requests, r => Assert.Equal("DELETE", r.Method));
        Assert.All(requests, r => Assert.Equal(DlqPath, r.Path));
        Assert.All(requests, r => Assert.True(string.IsNullOrEmpty(r.Body)));
        Assert.Equal(["label=old", "label=old&cursor=c1", "label=old&cursor=c2"], requests.Select(QueryOf));
    }

    [Fact]
    public async Task All_deletes_everything_with_a_bare_DELETE()
    {
        Stub("DELETE", DlqPath, """{"deleted":3}""");

        Assert.Equal(3, await Client.Dlq.BulkDeleteAsync(ResumeFilter.All()));
        Assert.Equal(string.Empty, QueryOf(Assert.Single(Requests)));
    }

    [Fact]
    public async Task Explicit_ids_are_sent_in_order_in_chunks_of_50_and_the_service_cursor_is_not_followed()
    {
        Stub("DELETE", DlqPath, """{"deleted":1,"cursor":"ignored"}""");
        var ids = Enumerable.Range(0, 101).Select(i => $"id-{i}").ToArray();

        var deleted = await Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds(ids));

        Assert.Equal(3, deleted);
        var sent = Requests.Select(r => QueryOf(r).Split('&').Select(p => p["dlqIds=".Length..]).ToArray()).ToArray();
        Assert.Equal([50, 50, 1], sent.Select(s => s.Length));
        Assert.Equal(ids, sent.SelectMany(s => s));
    }

    [Fact]
    public async Task A_404_for_explicit_ids_names_them()
    {
        Stub("DELETE", DlqPath, """{"error":"Some DLQ messages were not found: b"}""", status: 404);

        var error = await Assert.ThrowsAsync<DlqEntriesNotFoundException>(() => Client.Dlq.BulkDeleteAsync(ResumeFilter.ForDlqIds("a", "b")));

        Assert.Equal(["b"], error.DlqIds);
    }

    [Fact]
    public async Task An_empty_filter_is_refused_before_any_request_and_points_to_All()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Client.Dlq.BulkDeleteAsync(ResumeFilter.Create()));

        Assert.Equal("filter", error.ParamName);
        Assert.Contains("ResumeFilter.All()", error.Message, StringComparison.Ordinal);
        Assert.Empty(Requests);
    }
}
