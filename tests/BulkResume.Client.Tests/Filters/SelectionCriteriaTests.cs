using BulkResume.Internal.Http;
using BulkResume.Internal.Selection;

namespace BulkResume.Client.Tests.Filters;

/// <summary>The criteria table holds together: one row per parameter and operation, and a filter sends every row it holds.</summary>
public sealed class SelectionCriteriaTests
{
    public static TheoryData<int> Rows => [.. SelectionCriteria.All.Select(row => row.Order)];

    [Fact]
    public void No_operation_takes_two_rows_of_one_parameter()
    {
        foreach (SelectionOperations operation in new[] { SelectionOperations.DlqList, SelectionOperations.BulkResume, SelectionOperations.BulkRestart, SelectionOperations.BulkDelete, SelectionOperations.RunLogs })
        {
            var names = SelectionCriteria.All.Where(row => (row.TakenBy & operation) != 0).Select(row => row.WireName).ToList();

            Assert.True(names.Count == names.Distinct(StringComparer.Ordinal).Count(), $"{operation}: {string.Join(", ", names)}");
        }
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
