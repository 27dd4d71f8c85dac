using FsCheck.Xunit;

namespace BulkResume.IntegrationTests.Properties;

/// <summary>
/// Issue 22: a concurrent drain acts on exactly the entries one request at a time acts on, whatever the skew between
/// the client's clock and the service's (two minutes either way), with or without the service's <c>Date</c> header,
/// and with runs failing on the service's clock as the drain's first bulk request arrives. Random DLQs and selections
/// (time bounds near either clock's now and in the future among them), concurrency 2 to 16, the in-memory and the
/// SQLite store. On a failure FsCheck prints the case (a constructor call) and the seed; rerun it with
/// <c>[Property(Replay = "...")]</c> or pass the case to <see cref="SkewedDrainRunner.RunAsync"/> from a fact.
/// </summary>
public sealed class ConcurrentDrainClockSkewProperties
{
    private const int Cases = 100;

    [Property(Arbitrary = [typeof(SkewedDrainCases)], MaxTest = Cases)]
    public Task A_concurrent_resume_resumes_exactly_the_entries_a_sequential_resume_does_whatever_the_clock_skew(SkewedDrainCase drain) =>
        SkewedDrainRunner.RunAsync(drain, BulkOperation.Resume);

    [Property(Arbitrary = [typeof(SkewedDrainCases)], MaxTest = Cases)]
    public Task A_concurrent_restart_restarts_exactly_the_entries_a_sequential_restart_does_whatever_the_clock_skew(SkewedDrainCase drain) =>
        SkewedDrainRunner.RunAsync(drain, BulkOperation.Restart);

    [Property(Arbitrary = [typeof(SkewedDrainCases)], MaxTest = Cases)]
    public Task A_concurrent_delete_deletes_exactly_the_entries_a_sequential_delete_does_whatever_the_clock_skew(SkewedDrainCase drain) =>
        SkewedDrainRunner.RunAsync(drain, BulkOperation.Delete);
}
