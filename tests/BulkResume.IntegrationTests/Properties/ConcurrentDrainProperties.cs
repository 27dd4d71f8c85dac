using FsCheck.Xunit;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>
/// Drains of random DLQs (uniform, the last minute, one hot millisecond, empty), by criteria and by ids, at concurrency
/// 1 to 16, over the in-memory and the SQLite store, under every kind of fault. On a failure FsCheck prints the case
/// (a constructor call) and the seed; rerun it with <c>[Property(Replay = "...")]</c> or pass the case to
/// <see cref="DrainCaseRunner.RunAsync"/> from a fact.
/// </summary>
public sealed class ConcurrentDrainProperties
{
    [Property(Arbitrary = [typeof(DrainCases)], MaxTest = 150)]
    public Task Every_selected_entry_is_resumed_exactly_once_none_other_is_touched_and_every_run_is_accounted_for(DrainCase drain) =>
        DrainCaseRunner.RunAsync(drain);
}
