using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Tests.Arguments;

public sealed class DlqIdListTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bulkresume-ids-{Guid.NewGuid():N}.txt");

    [Fact]
    public void Neither_flag_means_no_ids() => Assert.Null(DlqIdList.Read([], null));

    [Fact]
    public void Ids_are_split_on_commas_trimmed_and_gathered_across_repeats() =>
        Assert.Equal(["a-0", "b-1", "c-2"], DlqIdList.Read(["a-0, b-1", "c-2"], null));

    [Theory]
    [InlineData("a,,b")]
    [InlineData("a,")]
    [InlineData(" ")]
    public void A_blank_id_is_refused_naming_the_flag(string ids)
    {
        var error = Assert.Throws<UsageException>(() => DlqIdList.Read([ids], null));

        Assert.Equal("--ids", error.Flag);
        Assert.Contains("has an empty id", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_has_one_id_per_line_skipping_blank_lines_and_comments()
    {
        File.WriteAllLines(_file, ["# exported at 02:00", "a-0", "", "  b-1  ", "# done"]);

        Assert.Equal(["a-0", "b-1"], DlqIdList.Read([], _file));
    }

    [Fact]
    public void A_missing_file_is_refused_naming_the_flag_and_the_path()
    {
        var error = Assert.Throws<UsageException>(() => DlqIdList.Read([], _file));

        Assert.Equal("--ids-file", error.Flag);
        Assert.StartsWith($"--ids-file '{_file}' can't be read", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_ids_is_refused()
    {
        File.WriteAllLines(_file, ["# nothing yet", ""]);

        var error = Assert.Throws<UsageException>(() => DlqIdList.Read([], _file));

        Assert.Contains("has no ids. Put one DLQ id per line.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_flags_together_are_refused()
    {
        var error = Assert.Throws<UsageException>(() => DlqIdList.Read(["a-0"], _file));

        Assert.Contains("--ids and --ids-file can't be used together", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => File.Delete(_file);
}
