using System.Text.Json;
using System.Text.Json.Nodes;
using BulkResume.Engine.Tests.Storage.PostgreSql;
using BulkResume.IntegrationTests.Support;
using BulkResume.Internal.Selection;

namespace BulkResume.IntegrationTests.Contract;

/// <summary>
/// Generated from the client's criteria table: for every row, on the memory, SQLite and PostgreSQL stores, every
/// operation that takes the criterion selects exactly the entries (or runs) its sample says, against the emulator over
/// loopback; the runs' cancel is told by the entries whose resumed run it canceled. A row added to the table runs here at once: without a sample it fails, and an operation the table names
/// that this test can't run fails too.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class GeneratedSelectionTests(PostgreSqlServerFixture postgres)
{
    private const string DefaultUrl = "https://shop.example.com/api/workflows/orders";

    /// <summary>The emulator's clock when the criterion is taken by the runs' cancel, which gives each run the creation time its sample says.</summary>
    private readonly FakeClock _clock = new();

    /// <summary>How each operation is run with a filter: what it selected, as DLQ ids or run ids.</summary>
    private Dictionary<SelectionOperations, Func<WorkflowClient, CriterionSample, Seeded, Task<IReadOnlyCollection<string>>>> Operations => new()
    {
        [SelectionOperations.DlqList] = async (client, sample, _) =>
            (await Drain.AllAsync(client.Dlq.ListAsync(sample.Dlq!(ResumeFilter.Create())))).Select(message => message.DlqId).ToList(),
        [SelectionOperations.BulkResume] = async (client, sample, seeded) =>
            await ActedOnAsync(client, seeded, async filter => (await Drain.AllAsync(client.Dlq.BulkResumeAsync(filter))).Count, sample.Dlq!),
        [SelectionOperations.BulkRestart] = async (client, sample, seeded) =>
            await ActedOnAsync(client, seeded, async filter => (await Drain.AllAsync(client.Dlq.BulkRestartAsync(filter))).Count, sample.Dlq!),
        [SelectionOperations.BulkDelete] = async (client, sample, seeded) =>
            await ActedOnAsync(client, seeded, async filter => (int)await client.Dlq.BulkDeleteAsync(filter), sample.Dlq!),
        [SelectionOperations.StartBulkResume] = async (client, sample, seeded) =>
            await ActedOnAsync(client, seeded, filter => ProcessedAsync(client.Dlq.StartBulkResumeAsync(filter)), sample.Dlq!),
        [SelectionOperations.StartBulkRestart] = async (client, sample, seeded) =>
            await ActedOnAsync(client, seeded, filter => ProcessedAsync(client.Dlq.StartBulkRestartAsync(filter)), sample.Dlq!),
        [SelectionOperations.StartBulkDelete] = async (client, sample, seeded) =>
            await ActedOnAsync(client, seeded, filter => ProcessedAsync(client.Dlq.StartBulkDeleteAsync(filter)), sample.Dlq!),
        [SelectionOperations.RunLogs] = async (client, sample, seeded) =>
        {
            if (sample.ResumeFirst)
            {
                await Drain.AllAsync(client.Dlq.BulkResumeAsync(ResumeFilter.All()));
            }

            var all = await Drain.AllAsync(client.Runs.ListAsync(RunFilter.Create()));
            var selected = await Drain.AllAsync(client.Runs.ListAsync(sample.Logs!(RunFilter.Create())));
            Assert.True(selected.Count < all.Count, $"The sample selects every run ({all.Count}): it must leave some.");
            return selected.Select(run => run.WorkflowRunId).ToList();
        },
        [SelectionOperations.CancelRuns] = async (client, sample, _) =>
        {
            // Only a run in progress can be canceled: each entry is resumed with the clock at its run's creation time,
            // so that its new run carries the entry's fields and creation time. What the cancel selected is told by
            // the entries whose new run it canceled.
            var sourceOf = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var entry in (await Drain.AllAsync(client.Dlq.ListAsync(ResumeFilter.Create()))).OrderBy(entry => entry.WorkflowCreatedAt))
            {
                if (entry.WorkflowCreatedAt > _clock.GetUtcNow())
                {
                    _clock.SetUtcNow(entry.WorkflowCreatedAt);
                }

                sourceOf.Add((await client.Dlq.ResumeAsync(entry.DlqId)).WorkflowRunId, entry.DlqId);
            }

            var result = await client.Runs.BulkCancelAsync(sample.Cancel!(RunCancelFilter.Create()));

            var canceled = await Drain.AllAsync(client.Runs.ListAsync(RunFilter.Create().InState(WorkflowRunState.Canceled)));
            Assert.Equal((canceled.Count, false), ((int)result.CanceledCount, result.MayHaveCanceledMore));
            return canceled.Select(run => sourceOf[run.WorkflowRunId]).ToList();
        },
    };

    public static TheoryData<int, string, string> RowsOnEveryStore()
    {
        var data = new TheoryData<int, string, string>();
        foreach (var row in SelectionCriteria.All)
        {
            foreach (var store in StoreBackedEmulator.Stores)
            {
                data.Add(row.Order, row.ToString(), store);
            }
        }

        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(RowsOnEveryStore))]
    public async Task Every_operation_taking_the_criterion_selects_exactly_what_its_sample_says(int order, string row, string store)
    {
        var criterion = SelectionCriteria.All[order];
        Assert.Equal(row, criterion.ToString());
        var sample = Chained(criterion, CriterionSamples.For(criterion));
        Assert.NotEmpty(sample.Selected);
        if (store == "postgres")
        {
            postgres.RequireServer();
        }

        await using var emulator = await StoreBackedEmulator.StartAsync(store, postgres, (criterion.TakenBy & SelectionOperations.CancelRuns) != 0 ? _clock : null);
        var client = new WorkflowClient(new WorkflowClientOptions { BaseUrl = emulator.Emulator.Url, Token = emulator.Emulator.Token });
        var operations = Enum.GetValues<SelectionOperations>().Where(operation => operation != 0 && (operation & (operation - 1)) == 0 && (criterion.TakenBy & operation) != 0).ToList();
        Assert.NotEmpty(operations);
        foreach (var operation in operations)
        {
            Assert.True(Operations.TryGetValue(operation, out var run), $"{row} is taken by {operation}, which this test can't run yet: add it to {nameof(Operations)}.");
            Assert.True(
                operation switch { SelectionOperations.RunLogs => sample.Logs, SelectionOperations.CancelRuns => sample.Cancel, _ => (object?)sample.Dlq } is not null,
                $"{row} is taken by {operation}, and its sample has no filter method for it.");
            Assert.True(operation == SelectionOperations.RunLogs || sample.Left.Length > 0, $"{row}: the sample leaves no entry, so it can't show that {operation} selects a strict subset.");
            var seeded = await SeedAsync(emulator, criterion, sample);

            var selected = await run(client, sample, seeded);

            var expected = operation == SelectionOperations.RunLogs ? seeded.SelectedRunIds : seeded.SelectedDlqIds;
            Assert.True(
                expected.ToHashSet().SetEquals(selected) && selected.Count == expected.Count,
                $"{row}, {operation} on {store}: expected [{string.Join(", ", expected.Order())}], selected [{string.Join(", ", selected.Order())}].");
        }
    }

    /// <summary>
    /// The sample with a criterion that selects every seeded entry chained before and after it: a filter that lost a
    /// value when another criterion was added (a copy that forgot a field) would select more, and fail.
    /// </summary>
    private static CriterionSample Chained(Criterion row, CriterionSample sample)
    {
        var early = DateTimeOffset.FromUnixTimeMilliseconds(CriterionSamples.RunCreatedAt).AddYears(-10);
        var late = DateTimeOffset.FromUnixTimeMilliseconds(CriterionSamples.FailedAt).AddYears(1_000);
        Func<ResumeFilter, ResumeFilter> dlq = row == SelectionCriteria.FailedTo ? filter => filter.FailedAfter(early) : filter => filter.FailedBefore(late);
        Func<RunFilter, RunFilter> logs = row == SelectionCriteria.CreatedTo ? filter => filter.CreatedAfter(early) : filter => filter.CreatedBefore(late);
        Func<RunCancelFilter, RunCancelFilter> cancel = row == SelectionCriteria.CreatedTo ? filter => filter.CreatedAfter(early) : filter => filter.CreatedBefore(late);
        return sample with
        {
            Dlq = sample.Dlq is { } narrowDlq ? filter => dlq(narrowDlq(dlq(filter))) : null,
            Logs = sample.Logs is { } narrowLogs ? filter => logs(narrowLogs(logs(filter))) : null,
            Cancel = sample.Cancel is { } narrowCancel ? filter => cancel(narrowCancel(cancel(filter))) : null,
        };
    }

    /// <summary>Runs a bulk action and returns the ids it took out of the DLQ, after checking it counted them.</summary>
    private static async Task<IReadOnlyCollection<string>> ActedOnAsync(WorkflowClient client, Seeded seeded, Func<ResumeFilter, Task<int>> act, Func<ResumeFilter, ResumeFilter> narrow)
    {
        var count = await act(narrow(ResumeFilter.Create()));
        var remaining = (await Drain.AllAsync(client.Dlq.ListAsync(ResumeFilter.Create()))).Select(message => message.DlqId).ToHashSet();
        var taken = seeded.AllDlqIds.Where(id => !remaining.Contains(id)).ToList();
        Assert.Equal(taken.Count, count);
        return taken;
    }

    /// <summary>Waits for a bulk action to finish and returns how many entries it acted on.</summary>
    private static async Task<int> ProcessedAsync(Task<BulkActionOperation> started)
    {
        var finished = await (await started).WaitForCompletionAsync(TimeSpan.FromMilliseconds(20));
        return checked((int)finished.Processed);
    }

    /// <summary>Empties the emulator and seeds the sample's entries: the selected ones first, then those left.</summary>
    private static async Task<Seeded> SeedAsync(StoreBackedEmulator emulator, Criterion row, CriterionSample sample)
    {
        var (reset, resetBody) = await emulator.SendAsync(HttpMethod.Post, "/_emulator/reset");
        Assert.True(reset == 200, resetBody);
        var entries = new JsonArray();
        var runIds = new List<string>();
        foreach (var (fields, i) in sample.Selected.Concat(sample.Left).Select((fields, i) => (fields, i)))
        {
            var entry = new JsonObject
            {
                ["dlqId"] = $"{row.Order}-{i}",
                ["workflowRunId"] = $"wfr_base_{row.Order}_{i}",
                ["workflowUrl"] = DefaultUrl,
                ["workflowCreatedAt"] = CriterionSamples.RunCreatedAt + (i * 1_000),
                ["createdAt"] = CriterionSamples.FailedAt + (i * 1_000),
            };
            foreach (var (name, value) in JsonNode.Parse(fields)!.AsObject())
            {
                entry[name] = value!.DeepClone();
            }

            runIds.Add(entry["workflowRunId"]!.GetValue<string>());
            entries.Add(entry);
        }

        var (status, body) = await emulator.SendAsync(HttpMethod.Post, "/_emulator/seed", new JsonObject { ["entries"] = entries }.ToJsonString());
        Assert.True(status == 200, body);
        var dlqIds = JsonDocument.Parse(body).RootElement.GetProperty("dlqIds").EnumerateArray().Select(id => id.GetString()!).ToList();
        return new Seeded(dlqIds, dlqIds[..sample.Selected.Length], runIds[..sample.Selected.Length]);
    }

    /// <summary>The seeded DLQ ids, and the DLQ ids and run ids a sample's value selects.</summary>
    private sealed record Seeded(IReadOnlyList<string> AllDlqIds, IReadOnlyList<string> SelectedDlqIds, IReadOnlyList<string> SelectedRunIds);
}
