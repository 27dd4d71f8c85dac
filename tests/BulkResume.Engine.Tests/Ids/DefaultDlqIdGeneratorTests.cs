namespace BulkResume.Engine.Tests.Ids;

public sealed class DefaultDlqIdGeneratorTests
{
    private const string Base32 = "234567abcdefghijklmnopqrstuvwxyz";

    [Fact]
    public void Run_ids_are_wfr_and_24_base32_characters_and_unique()
    {
        string[] ids = Enumerable.Range(0, 20_000).Select(_ => DefaultDlqIdGenerator.Shared.NewWorkflowRunId()).ToArray();

        Assert.All(ids, id =>
        {
            Assert.StartsWith("wfr_", id, StringComparison.Ordinal);
            Assert.Equal(28, id.Length);
            Assert.All(id[4..], character => Assert.Contains(character, Base32));
        });
        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void Run_ids_made_on_many_threads_at_once_are_unique_and_their_random_part_uses_every_character_evenly()
    {
        // The random characters come from a buffer per thread: no two threads, and no two ids, may share its bytes.
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (int i = 0; i < 5_000; i++)
            {
                ids.Add(DefaultDlqIdGenerator.Shared.NewWorkflowRunId());
            }
        });

        Assert.Equal(40_000, ids.Distinct(StringComparer.Ordinal).Count());
        int[] counts = new int[Base32.Length];
        foreach (string id in ids)
        {
            foreach (char character in id[14..])
            {
                counts[Base32.IndexOf(character, StringComparison.Ordinal)]++;
            }
        }

        // 560,000 characters, 17,500 expected of each: a character never drawn, or drawn far off its share, is a bias.
        Assert.All(counts, count => Assert.InRange(count, 16_500, 18_500));
    }

    [Fact]
    public async Task A_run_id_starts_with_the_time_it_was_made_so_later_ids_sort_after_earlier_ones()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        string first = DefaultDlqIdGenerator.Shared.NewWorkflowRunId();
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await Task.Delay(5);
        string second = DefaultDlqIdGenerator.Shared.NewWorkflowRunId();

        long made = first[4..14].Aggregate(0L, (time, character) => (time << 5) | (long)Base32.IndexOf(character, StringComparison.Ordinal));
        Assert.InRange(made, before, after);
        Assert.True(string.CompareOrdinal(first, second) < 0, $"{first} should sort before {second}");
    }

    [Fact]
    public void Two_generators_like_two_processes_or_a_restart_never_make_the_same_dlq_id_for_the_same_time()
    {
        DateTimeOffset failedAt = DateTimeOffset.FromUnixTimeMilliseconds(1752829295505);
        var before = new DefaultDlqIdGenerator();
        var after = new DefaultDlqIdGenerator();

        string[] ids = [before.NewDlqId(failedAt), before.NewDlqId(failedAt), after.NewDlqId(failedAt), after.NewDlqId(failedAt)];

        Assert.Equal(ids.Length, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(ids, id => Assert.StartsWith("1752829295505-", id, StringComparison.Ordinal));
    }
}
