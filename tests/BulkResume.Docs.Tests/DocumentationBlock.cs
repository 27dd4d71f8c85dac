namespace BulkResume.Docs.Tests;

/// <summary>One fenced code block of the documentation, with the marker written above it (null when none).</summary>
internal sealed record DocumentationBlock(string File, int Index, string Code, string? Marker)
{
    /// <summary>Why the block is not run, when it is marked <c>not run: why</c>.</summary>
    public string? NotRunBecause => Marker is { } marker && marker.StartsWith("not run:", StringComparison.Ordinal) ? marker["not run:".Length..].Trim() : null;

    /// <summary>The request a JSON body is for (<c>POST /_emulator/seed</c>), when marked <c>request: METHOD PATH</c>.</summary>
    public string? Request => Argument("request:");

    /// <summary>The request a JSON document answers (<c>GET /_emulator/stats</c>), when marked <c>answer: METHOD PATH</c>.</summary>
    public string? AnswerOf => Argument("answer:");

    private string? Argument(string prefix) =>
        Marker is { } marker && marker.StartsWith(prefix, StringComparison.Ordinal) ? marker[prefix.Length..].Trim() : null;
}
