using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Spectre.Console;

namespace BulkResume.Cli.Output;

/// <summary>
/// Where a command writes: with <c>--json</c> exactly one JSON document on stdout and every notice on stderr; otherwise
/// tables and progress on the console.
/// </summary>
/// <remarks>Errors always go to stderr.</remarks>
internal sealed class CliOutput(IAnsiConsole console, TextWriter stdout, TextWriter stderr, bool json)
{
    public bool IsJson => json;

    public IAnsiConsole Console => console;

    /// <summary>A line the operator must read, such as which DLQ is acted on or how to continue: never dimmed.</summary>
    public void Line(string text)
    {
        if (json)
        {
            stderr.WriteLine(text);
        }
        else
        {
            console.WriteLine(text);
        }
    }

    /// <summary>
    /// A line to copy and paste, such as a cursor or a command: whole, never wrapped at the terminal's width (the
    /// terminal wraps it softly; a hard break would cut a pasted command in two).
    /// </summary>
    public void Verbatim(string text)
    {
        if (json)
        {
            stderr.WriteLine(text);
        }
        else
        {
            console.Profile.Out.Writer.WriteLine(text);
        }
    }

    /// <summary>A line of background, dimmed on a terminal.</summary>
    public void Notice(string text)
    {
        if (json)
        {
            stderr.WriteLine(text);
        }
        else
        {
            console.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
        }
    }

    public void Error(string text) => stderr.WriteLine($"error: {text}");

    public void Json<T>(T document, JsonTypeInfo<T> typeInfo) => stdout.WriteLine(JsonSerializer.Serialize(document, typeInfo));
}
