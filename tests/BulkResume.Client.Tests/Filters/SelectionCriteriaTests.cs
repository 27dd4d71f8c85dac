using BulkResume.Internal.Http;
using BulkResume.Internal.Selection;

namespace BulkResume.Client.Tests.Filters;

/// <summary>The criteria table holds together: one row per parameter and operation, and a filter sends every row it holds.</summary>
public sealed class SelectionCriteriaTests
{
    public static TheoryData<int> Rows => [.. SelectionCriteria.All.Select(row => row.Order)];

    public static TheoryData<int> SingleOperations => [.. Enum.GetValues<SelectionOperations>().Where(operation => operation != 0 && (operation & (operation - 1)) == 0).Select(operation => (int)operation)];

    [Theory]
    [MemberData(nameof(SingleOperations))]
    public void Two_rows_of_one_parameter_that_an_operation_takes_are_never_held_together(int flag)
    {
        var operation = (SelectionOperations)flag;
        var rows = SelectionCriteria.All.Where(row => (row.TakenBy & operation) != 0).ToList();
        var pairs = rows.SelectMany(row => rows.Where(other => other != row && other.WireName == row.WireName).Select(other => (row, other))).ToList();

        // Only the runs' cancel has such rows: its workflowUrl is matched exactly or as a prefix, one way per request.
        Assert.Equal(operation == SelectionOperations.CancelRuns ? 2 : 0, pairs.Count);
        foreach (var (row, other) in pairs)
        {
            var error = Assert.Throws<InvalidOperationException>(() => CriterionValues.None.Add(row, "https://a.example/x", "Test.First").Add(other, "https://a.example/y", "Test.Second"));
            Assert.StartsWith($"Test.Second can't be used on a filter that holds a {row.Noun}: both are sent as {row.WireName}", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_bulk_actions_take_exactly_the_criteria_of_the_sync_bulk_calls_they_stand_beside()
    {
        foreach (var (action, sync) in new[] { (SelectionOperations.StartBulkResume, SelectionOperations.BulkResume), (SelectionOperations.StartBulkRestart, SelectionOperations.BulkRestart), (SelectionOperations.StartBulkDelete, SelectionOperations.BulkDelete) })
        {
            Assert.Equal(
                SelectionCriteria.All.Where(row => (row.TakenBy & sync) != 0).Select(row => row.WireName),
                SelectionCriteria.All.Where(row => (row.TakenBy & action) != 0).Select(row => row.WireName));
        }

        Assert.Equal(
            ["fromDate", "toDate", "workflowUrl", "workflowRunId", "workflowCreatedAt", "label", "flowControlKey", "callerIp", "failureFunctionState"],
            SelectionCriteria.All.Where(row => (row.TakenBy & SelectionOperations.StartBulkResume) != 0).Select(row => row.WireName));
    }

    [Fact]
    public void A_row_with_a_match_parameter_sends_it_once_after_its_values()
    {
        var query = new QueryString();
        CriterionValues.None
            .Add(SelectionCriteria.Label, "eu", "Test.Add")
            .Add(SelectionCriteria.CancelWorkflowUrl, "https://a.example/x", "Test.Add")
            .Add(SelectionCriteria.CancelWorkflowUrl, "https://a.example/y", "Test.Add")
            .AppendTo(query);

        Assert.Equal("?workflowUrl=https%3A%2F%2Fa.example%2Fx&workflowUrl=https%3A%2F%2Fa.example%2Fy&workflowUrlExactMatch=true&label=eu", query.ToString());
    }

    [Fact]
    public void The_rows_are_in_the_order_they_were_declared_and_every_row_is_taken_by_an_operation()
    {
        Assert.Equal(Enumerable.Range(0, SelectionCriteria.All.Count), SelectionCriteria.All.Select(row => row.Order));
        Assert.All(SelectionCriteria.All, row => Assert.NotEqual(SelectionOperations.None, row.TakenBy));
    }

    [Theory]
    [MemberData(nameof(Rows))]
    public void A_row_set_is_sent_and_described_and_a_copy_keeps_it(int order)
    {
        var row = SelectionCriteria.All[order];
        var values = CriterionValues.None.Add(row, "v1", "Test.Add");
        var other = SelectionCriteria.All.First(candidate => candidate != row && candidate.WireName != row.WireName && (candidate.TakenBy & row.TakenBy) != 0);

        var query = new QueryString();
        values.Add(other, "v2", "Test.Add").AppendTo(query);

        Assert.Contains($"{row.WireName}=v1", query.Describe(), StringComparison.Ordinal);
        Assert.Contains($"{other.WireName}=v2", query.Describe(), StringComparison.Ordinal);
        Assert.False(values.IsEmpty);
    }

    [Fact]
    public void An_operation_refuses_a_criterion_it_does_not_take_before_anything_is_sent()
    {
        var logsOnly = CriterionValues.None.Add(SelectionCriteria.RunState, "RUN_FAILED", "Test.Add");

        var error = Assert.Throws<ArgumentException>(() => logsOnly.EnsureTakenBy(SelectionOperations.BulkDelete, "DlqClient.BulkDeleteAsync", "filter"));

        Assert.Equal("filter", error.ParamName);
        Assert.StartsWith("DlqClient.BulkDeleteAsync does not take the run state criterion (state)", error.Message, StringComparison.Ordinal);
    }
}
