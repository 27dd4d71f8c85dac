using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Tests.Arguments;

public class FilterBuilderTests
{
    private const string Url = "https://shop.example.com/api/workflows/orders";
    private static readonly DateTimeOffset Now = new(2025, 7, 18, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Every_criterion_flag_becomes_its_query_parameter()
    {
        var arguments = Flags(
            ("--from", "2025-07-18T09:00:00Z"),
            ("--to", "-1h"),
            ("--workflow-url", Url),
            ("--workflow-url", "https://shop.example.com/api/workflows/invoice"),
            ("--run-id", "wfr_abc"),
            ("--created-at", "2025-07-17T08:00:00Z"),
            ("--label", "checkout"),
            ("--label", "eu"),
            ("--flow-control-key", "payments"),
            ("--caller-ip", "203.0.113.7"),
            ("--callback-state", "failed"),
            ("--callback-state", "CALLBACK_CANCELED"));

        var selection = FilterBuilder.Build(arguments, Now, "resume", requireSelection: true);

        Assert.Equal(
            $"fromDate=1752829200000, toDate={Now.AddHours(-1).ToUnixTimeMilliseconds()}, workflowUrl={Url}, "
            + "workflowUrl=https://shop.example.com/api/workflows/invoice, workflowRunId=wfr_abc, workflowCreatedAt=1752739200000, "
            + "label=checkout, label=eu, flowControlKey=payments, callerIp=203.0.113.7, "
            + "failureFunctionState=CALLBACK_FAIL, failureFunctionState=CALLBACK_CANCELED",
            selection.Filter.ToString());
        Assert.Equal(
            $"--from 2025-07-18T09:00:00+00:00 --to 2025-07-18T11:00:00+00:00 --workflow-url {Url} --workflow-url https://shop.example.com/api/workflows/invoice "
            + "--run-id wfr_abc --created-at 2025-07-17T08:00:00+00:00 --label checkout --label eu --flow-control-key payments "
            + "--caller-ip 203.0.113.7 --callback-state failed --callback-state CALLBACK_CANCELED",
            selection.Description);
    }

    [Fact]
    public void All_asks_for_every_entry()
    {
        var selection = FilterBuilder.Build(new FilterArguments { All = true }, Now, "delete", requireSelection: true);

        Assert.Equal(("all", "--all"), (selection.Filter.ToString(), selection.Description));
    }

    [Fact]
    public void Times_are_shown_in_ISO_8601_with_the_offset_they_were_given_in()
    {
        var selection = FilterBuilder.Build(Flags(("--from", "2025-07-18T11:00:00+02:00")), Now, "list", requireSelection: false);

        Assert.Equal("--from 2025-07-18T11:00:00+02:00", selection.Description);
    }

    [Fact]
    public void Ids_select_exactly_those_entries_and_are_shown()
    {
        var selection = FilterBuilder.Build(new FilterArguments { Ids = ["a-0,b-1"] }, Now, "resume", requireSelection: true);

        Assert.Equal("--ids a-0,b-1", selection.Description);
    }

    [Fact]
    public void Many_ids_are_shown_in_short()
    {
        var ids = Enumerable.Range(0, 8).Select(i => $"id-{i}").ToArray();

        var selection = FilterBuilder.Build(new FilterArguments { Ids = ids }, Now, "resume", requireSelection: true);

        Assert.Equal("--ids id-0,id-1,id-2,... (8 ids)", selection.Description);
    }

    [Fact]
    public void A_listing_without_filters_lists_every_entry()
    {
        var selection = FilterBuilder.Build(new FilterArguments(), Now, "list", requireSelection: false);

        Assert.Equal(("(empty)", "every entry"), (selection.Filter.ToString(), selection.Description));
    }

    [Theory]
    [InlineData("resume")]
    [InlineData("restart")]
    [InlineData("delete")]
    public void A_bulk_action_without_a_selection_is_refused_and_told_about_all(string command)
    {
        var error = Assert.Throws<UsageException>(() => FilterBuilder.Build(new FilterArguments(), Now, command, requireSelection: true));

        Assert.Equal("--all", error.Flag);
        Assert.Contains($"or --all to {command} every entry in the DLQ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void All_with_filters_is_refused_naming_both()
    {
        var error = Assert.Throws<UsageException>(() =>
            FilterBuilder.Build(Flags(("--workflow-url", Url), ("--label", "x")) with { All = true }, Now, "resume", requireSelection: true));

        Assert.StartsWith("--all can't be combined with --workflow-url, --label.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ids_with_filters_are_refused_because_the_service_would_ignore_the_filters()
    {
        var error = Assert.Throws<UsageException>(() =>
            FilterBuilder.Build(Flags(("--from", "-1h")) with { Ids = ["a-0"] }, Now, "resume", requireSelection: true));

        Assert.StartsWith("--ids can't be combined with --from: the service ignores other filters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_that_ends_before_it_starts_is_refused()
    {
        var error = Assert.Throws<UsageException>(() =>
            FilterBuilder.Build(Flags(("--from", "-1h"), ("--to", "-2h")), Now, "resume", requireSelection: true));

        Assert.Contains("is later than --to", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("CALLBACK_PAUSED")]
    [InlineData("callback_retrying")]
    public void A_callback_state_the_sdk_does_not_know_is_refused_naming_the_flag_and_the_accepted_values(string state)
    {
        // The SDK's FailureCallbackState can hold any wire value; a filter value the service doesn't know could be ignored.
        var error = Assert.Throws<UsageException>(() =>
            FilterBuilder.Build(Flags(("--callback-state", state)), Now, "delete", requireSelection: true));

        Assert.Equal("--callback-state", error.Flag);
        Assert.Equal($"--callback-state '{state}' is not a callback state. Use in-progress, succeeded, failed or canceled.", error.Message);
    }

    [Theory]
    [InlineData("--workflow-url", "not a url")]
    [InlineData("--caller-ip", "300.1.1.1")]
    [InlineData("--callback-state", "exploded")]
    [InlineData("--label", " ")]
    [InlineData("--created-at", "last tuesday")]
    public void A_bad_value_is_refused_naming_its_flag_and_value(string flag, string value)
    {
        var arguments = Flags((flag, value));

        var error = Assert.Throws<UsageException>(() => FilterBuilder.Build(arguments, Now, "resume", requireSelection: true));

        Assert.Equal(flag, error.Flag);
        Assert.StartsWith($"{flag} '{value}'", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The arguments of these flags, as <c>FilterOptions</c> reads them: in the table's order.</summary>
    internal static FilterArguments Flags(params (string Flag, string Value)[] given) => new()
    {
        Criteria = [.. given.Select(pair => (Flag: FilterFlags.Named(pair.Flag), pair.Value)).OrderBy(pair => FilterFlags.All.ToList().IndexOf(pair.Flag))],
    };
}
