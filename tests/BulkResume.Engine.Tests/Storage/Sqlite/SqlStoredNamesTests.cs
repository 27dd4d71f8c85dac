using BulkResume.Engine;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Sql;
using BulkResume.Engine.Sqlite;
using BulkResume.Engine.Storage;
using BulkResume.Engine.Storage.Stored;
using BulkResume.Engine.Tests.Support;
using Microsoft.Data.Sqlite;

namespace BulkResume.Engine.Tests.Storage.Sqlite;

/// <summary>
/// The texts the SQL stores keep for the model's enums never change, so a database written before a C# rename reads and
/// filters as it did: issue 25 renamed <c>CallbackState.CallbackFail</c> to <see cref="CallbackState.Fail"/> (and every
/// state like it), while databases hold the old names, which the stores wrote as the values' C# names.
/// </summary>
public sealed class SqlStoredNamesTests : IDisposable
{
    private readonly TempDatabase _files = new();

    /// <summary>Every text databases hold, as first written. Add the text of a new value; never change one.</summary>
    public static TheoryData<Enum, string> StoredTexts() => new()
    {
        { CallbackState.InProgress, "CallbackInProgress" },
        { CallbackState.Success, "CallbackSuccess" },
        { CallbackState.Fail, "CallbackFail" },
        { CallbackState.Canceled, "CallbackCanceled" },
        { RunState.Started, "RunStarted" },
        { RunState.Success, "RunSuccess" },
        { RunState.Failed, "RunFailed" },
        { RunState.Canceled, "RunCanceled" },
        { StepState.Success, "StepSuccess" },
        { StepState.Retry, "StepRetry" },
        { StepState.Failed, "StepFailed" },
        { StepState.Progress, "StepProgress" },
        { StepState.Canceled, "StepCanceled" },
        { StepType.Initial, "Initial" },
        { StepType.Run, "Run" },
        { StepType.SleepFor, "SleepFor" },
        { StepType.SleepUntil, "SleepUntil" },
        { StepType.Call, "Call" },
        { StepType.Wait, "Wait" },
        { StepType.Notify, "Notify" },
        { StepType.Invoke, "Invoke" },
        { StepType.CreateWebhook, "CreateWebhook" },
        { StepType.WaitForWebhook, "WaitForWebhook" },
        { WorkflowRunOrigin.Triggered, "Triggered" },
        { WorkflowRunOrigin.Resumed, "Resumed" },
        { WorkflowRunOrigin.Restarted, "Restarted" },
    };

    public void Dispose() => _files.Dispose();

    [Theory]
    [MemberData(nameof(StoredTexts))]
    public void Each_value_is_stored_as_the_text_databases_hold_and_read_back_from_it(Enum value, string text)
    {
        Assert.Equal(text, Text(value));
        Assert.Equal(value, Parse(value.GetType(), text));
    }

    [Fact]
    public void Every_value_of_every_stored_enum_has_its_text_listed()
    {
        var listed = StoredTexts().Select(row => (Enum)row[0]).ToHashSet();
        Type[] stored = [typeof(CallbackState), typeof(RunState), typeof(StepState), typeof(StepType), typeof(WorkflowRunOrigin)];

        Assert.All(stored.SelectMany(type => Enum.GetValues(type).Cast<Enum>()), value => Assert.Contains(value, listed));
    }

    [Fact]
    public async Task A_database_holding_the_old_texts_reads_and_filters_by_the_renamed_values()
    {
        using (SqliteDlqStore writer = SqliteDlqStore.Open(_files.Path))
        {
            await new DlqStoreWrites(writer).AddAsync([FailedRun.For(Seed.Orders).WithDlqId("dlq-1").WithRunId("wfr_1").FailedAtStep(2, of: 3).WithFailureCallback("https://example.com/failed", CallbackState.Fail).Build()]);
            await writer.SaveRunAsync(new RunRecord { WorkflowRunId = "wfr_2", WorkflowUrl = Seed.Orders, State = RunState.Started, CreatedAt = Seed.T0, Origin = WorkflowRunOrigin.Resumed });
        }

        // The rows as the stores wrote them before the rename: the same texts in the columns and the JSON.
        using (var connection = new SqliteConnection($"Data Source={_files.Path};Pooling=False"))
        {
            connection.Open();
            Assert.Equal("CallbackFail", Scalar(connection, "SELECT callback_state FROM dlq_entries WHERE dlq_id = 'dlq-1'"));
            string entry = Scalar(connection, "SELECT entry FROM dlq_entries WHERE dlq_id = 'dlq-1'");
            Assert.Contains("\"FailureCallbackInfo\":{\"State\":\"CallbackFail\"", entry, StringComparison.Ordinal);
            Assert.Contains("\"StepType\":\"Initial\"", entry, StringComparison.Ordinal);
            Assert.Contains("\"State\":\"StepSuccess\"", entry, StringComparison.Ordinal);
            Assert.Contains("\"State\":\"StepFailed\"", entry, StringComparison.Ordinal);
            Assert.Equal("RunFailed|Triggered", Scalar(connection, "SELECT state || '|' || origin FROM runs WHERE workflow_run_id = 'wfr_1'"));
            Assert.Equal("RunStarted|Resumed", Scalar(connection, "SELECT state || '|' || origin FROM runs WHERE workflow_run_id = 'wfr_2'"));
            Assert.Contains("\"State\":\"RunStarted\"", Scalar(connection, "SELECT run FROM runs WHERE workflow_run_id = 'wfr_2'"), StringComparison.Ordinal);

            // A callback retried by an older engine: its state written as the literal old text, in both places.
            using SqliteCommand retried = connection.CreateCommand();
            retried.CommandText = "UPDATE dlq_entries SET callback_state = 'CallbackInProgress', entry = json_set(entry, '$.FailureCallbackInfo.State', 'CallbackInProgress') WHERE dlq_id = 'dlq-1'";
            Assert.Equal(1, retried.ExecuteNonQuery());
        }

        using SqliteDlqStore store = SqliteDlqStore.Open(_files.Path);
        DlqEntry? read = await store.GetAsync("dlq-1");
        Assert.Equal(CallbackState.InProgress, read?.FailureCallbackInfo?.State);
        Assert.Equal([StepState.Success, StepState.Success, StepState.Failed], read!.Steps.Select(step => step.State));
        Assert.Equal(["dlq-1"], (await store.QueryAsync(new DlqQuery(new DlqSelection { FailureCallbackStates = [CallbackState.InProgress] }, null, 10))).Select(e => e.DlqId));
        Assert.Empty(await store.QueryAsync(new DlqQuery(new DlqSelection { FailureCallbackStates = [CallbackState.Fail] }, null, 10)));
        Assert.Equal(["wfr_2"], (await store.QueryRunsAsync(new RunQuery(new RunSelection { State = RunState.Started }, null, 10))).Select(run => run.WorkflowRunId));
        Assert.Equal(WorkflowRunOrigin.Resumed, (await store.GetRunAsync("wfr_2"))?.Origin);
        DlqStoreStatistics statistics = await store.GetStatisticsAsync();
        Assert.Equal((1L, 1L), (statistics.RunsByState[RunState.Failed], statistics.RunsByState[RunState.Started]));
        Assert.Equal((1L, 1L), (statistics.RunsByOrigin[WorkflowRunOrigin.Triggered], statistics.RunsByOrigin[WorkflowRunOrigin.Resumed]));
    }

    private static string Text(Enum value) => value switch
    {
        CallbackState state => StoredNames.CallbackState.Of(state),
        RunState state => StoredNames.RunState.Of(state),
        StepState state => StoredNames.StepState.Of(state),
        StepType type => StoredNames.StepType.Of(type),
        WorkflowRunOrigin origin => StoredNames.Origin.Of(origin),
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not a stored enum."),
    };

    private static Enum Parse(Type type, string text) =>
        type == typeof(CallbackState) ? StoredNames.CallbackState.Parse(text)
        : type == typeof(RunState) ? StoredNames.RunState.Parse(text)
        : type == typeof(StepState) ? StoredNames.StepState.Parse(text)
        : type == typeof(StepType) ? StoredNames.StepType.Parse(text)
        : type == typeof(WorkflowRunOrigin) ? StoredNames.Origin.Parse(text)
        : throw new ArgumentOutOfRangeException(nameof(type), type, "Not a stored enum.");

    private static string Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return (string)command.ExecuteScalar()!;
    }
}
