using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;

namespace BulkResume;

/// <summary>
/// How both programs answer bad arguments: each error on a line of its own as <c>error: ...</c>, System.CommandLine's
/// typo suggestions ("did you mean --label?"), then where the flags are described; exit code 2 and nothing started.
/// </summary>
/// <remarks>Shared source, compiled into each program.</remarks>
internal static partial class CommandLineErrors
{
    /// <summary>The exit code of a command line that was refused before anything ran.</summary>
    public const int BadArguments = 2;

    /// <summary>Parses and runs <paramref name="root"/>, or reports its parse errors on <paramref name="error"/> and returns 2.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, string name, string[] args, TextWriter output, TextWriter error, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        configuration.Output = output;
        configuration.Error = error;
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count == 0)
        {
            return await parse.InvokeAsync(configuration).ConfigureAwait(false);
        }

        // A mistyped command ("lst") is an unmatched token and leaves the root without a command: say the first, not
        // "Required command was not provided." above it, which blames the operator for a command they did type.
        bool NamesAnUnmatchedToken(ParseError e) => parse.UnmatchedTokens.Any(token => e.Message.Contains($"'{token}'", StringComparison.Ordinal));
        bool mistypedCommand = parse.Errors.Any(NamesAnUnmatchedToken);
        foreach (ParseError parseError in parse.Errors.Where(e => !mistypedCommand || NamesAnUnmatchedToken(e) || e.SymbolResult is not CommandResult { Command: var command } || command != root))
        {
            await error.WriteLineAsync($"error: {parseError.Message}").ConfigureAwait(false);
        }

        foreach ((string token, IReadOnlyList<string> suggestions) in await TypoCorrectionsAsync(parse, args).ConfigureAwait(false))
        {
            await error.WriteLineAsync($"Did you mean {string.Join(" or ", suggestions)} instead of '{token}'?").ConfigureAwait(false);
        }

        Command command = parse.CommandResult.Command;
        await error.WriteLineAsync($"Run '{(command == root ? name : $"{name} {command.Name}")} --help' for the flags.").ConfigureAwait(false);
        return BadArguments;
    }

    /// <summary>
    /// System.CommandLine's own suggestions for the unmatched tokens (its parse-error action computes them; only its
    /// text is public), without those for a value that follows an unmatched flag: "--lable checkout" suggests for
    /// --lable, not for checkout.
    /// </summary>
    private static async Task<List<(string Token, IReadOnlyList<string> Suggestions)>> TypoCorrectionsAsync(ParseResult parse, string[] args)
    {
        if (parse.Action is not ParseErrorAction action)
        {
            return [];
        }

        action.ShowHelp = false;
        action.ShowTypoCorrections = true;
        using var text = new StringWriter();
        await parse.InvokeAsync(new InvocationConfiguration { Output = text, Error = text }).ConfigureAwait(false);

        var corrections = new List<(string Token, IReadOnlyList<string> Suggestions)>();
        List<string>? current = null;
        foreach (string line in text.ToString().Split('\n', StringSplitOptions.TrimEntries))
        {
            Match start = NotMatched().Match(line);
            if (start.Success)
            {
                string token = start.Groups["token"].Value;
                int index = Array.IndexOf(args, token);
                bool isValueOfUnknownFlag = index > 0 && args[index - 1].StartsWith('-') && parse.UnmatchedTokens.Contains(args[index - 1]);
                current = isValueOfUnknownFlag ? null : [];
                if (current is not null)
                {
                    corrections.Add((token, current));
                }
            }
            else if (line.Length == 0)
            {
                current = null;
            }
            else
            {
                current?.Add(line);
            }
        }

        return corrections.Where(correction => correction.Suggestions.Count > 0).ToList();
    }

    [GeneratedRegex(@"^'(?<token>.*)' was not matched\. Did you mean one of the following\?$")]
    private static partial Regex NotMatched();
}
