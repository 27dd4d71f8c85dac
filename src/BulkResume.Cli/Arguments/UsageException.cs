namespace BulkResume.Cli.Arguments;

/// <summary>A flag's value is wrong or flags don't go together.</summary>
/// <remarks>The message names the flag and the fix; the CLI exits with 2.</remarks>
internal sealed class UsageException : Exception
{
    public UsageException(string flag, string message)
        : base(message)
    {
        Flag = flag;
    }

    /// <summary>The flag at fault, such as <c>--from</c>.</summary>
    public string Flag { get; }
}
