namespace BulkResume.Cli.Arguments;

/// <summary>Which DLQ to act on, as typed: <c>--token</c> and <c>--url</c> (beside QSTASH_TOKEN and QSTASH_URL), or <c>--demo</c>.</summary>
internal sealed class TargetArguments
{
    public const string TokenFlag = "--token";
    public const string UrlFlag = "--url";
    public const string DemoFlag = "--demo";

    public string? Token { get; init; }

    public string? Url { get; init; }

    public bool Demo { get; init; }
}
