using BulkResume.Cli.Arguments;
using BulkResume.Internal.Selection;

namespace BulkResume.Cli.Tests.Arguments;

/// <summary>Every CLI selection flag goes to its row of the client's criteria table, and every DLQ row has its flag.</summary>
public sealed class FilterFlagsTests
{
    private static readonly DateTimeOffset Now = new(2025, 7, 18, 12, 0, 0, TimeSpan.Zero);

    /// <summary>A value to type for each flag and the wire value it must become. A flag added without one fails below.</summary>
    private static readonly Dictionary<string, (string Typed, string Wire)> Samples = new(StringComparer.Ordinal)
    {
        ["--from"] = ("2025-07-18T09:00:00Z", "1752829200000"),
        ["--to"] = ("-1h", Now.AddHours(-1).ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ["--workflow-url"] = ("https://shop.example.com/api/workflows/orders", "https://shop.example.com/api/workflows/orders"),
        ["--run-id"] = ("wfr_abc", "wfr_abc"),
        ["--created-at"] = ("2025-07-17T08:00:00Z", "1752739200000"),
        ["--label"] = ("eu", "eu"),
        ["--flow-control-key"] = ("payments", "payments"),
        ["--caller-ip"] = ("203.0.113.7", "203.0.113.7"),
        ["--callback-state"] = ("failed", "CALLBACK_FAIL"),
    };

    public static TheoryData<string> Flags => [.. FilterFlags.All.Select(flag => flag.Name)];

    [Theory]
    [MemberData(nameof(Flags))]
    public void A_flag_sets_exactly_its_row_of_the_criteria_table_with_the_arity_of_that_row(string name)
    {
        Assert.True(Samples.TryGetValue(name, out var sample), $"{name} has no sample in {nameof(FilterFlagsTests)}.{nameof(Samples)}: add one.");

        var filter = FilterBuilder.Build(FilterBuilderTests.Flags((name, sample.Typed)), Now, "resume", requireSelection: true).Filter;

        var row = Assert.Single(filter.Criteria.Rows);
        Assert.Equal(new[] { sample.Wire }, filter.Criteria[row].ToArray());
        Assert.Equal(SelectionOperations.Dlq, row.TakenBy & SelectionOperations.Dlq);
        Assert.True(FilterFlags.Named(name).Repeatable == row.TakesMany, $"{name} is {(row.TakesMany ? "not " : "")}repeatable, and {row.WireName} takes {(row.TakesMany ? "many values" : "one value")}.");
    }

    [Fact]
    public void Every_criterion_the_DLQ_takes_has_a_flag()
    {
        var mapped = FilterFlags.All
            .Select(flag => FilterBuilder.Build(FilterBuilderTests.Flags((flag.Name, Samples[flag.Name].Typed)), Now, "resume", requireSelection: true).Filter.Criteria.Rows.Single())
            .ToList();

        Assert.Equal(
            SelectionCriteria.All.Where(row => (row.TakenBy & SelectionOperations.Dlq) != 0).Select(row => row.ToString()),
            mapped.Select(row => row.ToString()));
    }
}
