using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace BulkResume.Cli.Commands;

/// <summary>Options that take a whole number within bounds.</summary>
/// <remarks>
/// The range is the option's own rule, checked as it is parsed, and a refusal names the flag and the range in the
/// operator's terms (never a .NET type name).
/// </remarks>
internal static class WholeNumberOption
{
    /// <summary>An option that may be left out (null).</summary>
    public static Option<int?> Optional(string name, string description, int min, int max, string why) =>
        new(name) { Description = description, HelpName = "N", CustomParser = result => Parse(result, name, min, max, why) };

    /// <summary>An option with a default.</summary>
    public static Option<int> WithDefault(string name, string description, int defaultValue, int min, int max, string why) =>
        new(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => defaultValue, CustomParser = result => Parse(result, name, min, max, why) ?? defaultValue };

    private static int? Parse(ArgumentResult result, string name, int min, int max, string why)
    {
        var text = result.Tokens.Single().Value;
        var range = max == int.MaxValue ? $"{min} or more" : $"{min} to {max}";
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name} '{text}' is not a whole number. Pass {range} ({why}).");
            return null;
        }

        if (value < min || value > max)
        {
            var rule = max != int.MaxValue ? $"is outside {min} to {max}" : value < min ? $"must be {min} or more" : $"is larger than the most this takes, {int.MaxValue}";
            result.AddError($"{name} {value} {rule} ({why}).");
            return null;
        }

        return (int)value;
    }
}
