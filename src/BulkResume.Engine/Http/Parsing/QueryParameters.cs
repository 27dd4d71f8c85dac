using System.Globalization;
using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>Reads typed query parameters; a malformed one is a 400 that names it and says what it must be.</summary>
internal sealed class QueryParameters(IReadOnlyDictionary<string, IReadOnlyList<string>> query)
{
    /// <summary>
    /// Every value of a repeatable parameter, from repeated keys and from comma-separated values, as the contract has it;
    /// an empty value between commas is a 400 (<see cref="AllowedParameters"/> has refused blank ones already).
    /// </summary>
    public IReadOnlyList<string> Many(string name)
    {
        var values = new List<string>();
        foreach (string raw in Raw(name))
        {
            foreach (string value in raw.Split(',', StringSplitOptions.TrimEntries))
            {
                values.Add(value.Length > 0
                    ? value
                    : throw DlqEngineException.BadRequest(
                        name,
                        $"{name} has an empty value in '{TextChecks.Shorten(raw)}'; separate values with single commas (or repeat {name}=) and give no empty one. Nothing was changed."));
            }
        }

        return values;
    }

    /// <summary>The value of a parameter given at most once.</summary>
    public string? Single(string name)
    {
        IReadOnlyList<string> values = Raw(name);
        if (values.Count > 1)
        {
            throw DlqEngineException.BadRequest(name, $"{name} was given {values.Count} times; give it once.");
        }

        return values.Count == 1 ? values[0] : null;
    }

    public int? Int32(string name, string expected)
    {
        string? text = Single(name);
        if (text is null)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw CriterionValueRule.Malformed(name, text, expected);
    }

    /// <summary>A Unix-milliseconds timestamp.</summary>
    public DateTimeOffset? UnixMilliseconds(string name) =>
        Single(name) is { } text ? CriterionValueRule.ParseUnixMilliseconds(name, text) : null;

    private IReadOnlyList<string> Raw(string name) => query.GetValueOrDefault(name, []);
}
