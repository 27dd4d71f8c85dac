using System.CommandLine;
using BulkResume.Cli.Arguments;

namespace BulkResume.Cli.Commands;

/// <summary>The selection flags every command takes (<see cref="FilterFlags"/>); values are checked by <see cref="FilterBuilder"/>.</summary>
internal sealed class FilterOptions
{
    private readonly (FilterFlag Flag, Func<ParseResult, IReadOnlyList<string>> Read, Option Option)[] _criteria = FilterFlags.All.Select(Create).ToArray();
    private readonly Option<string[]> _ids = new("--ids") { Description = "Exact DLQ ids, comma-separated (repeatable). Not combinable with other filters.", HelpName = "ID,ID" };
    private readonly Option<string?> _idsFile = new("--ids-file") { Description = "A file of DLQ ids, one per line (blank lines and # comments skipped).", HelpName = "PATH" };
    private readonly Option<bool> _all = new("--all") { Description = "Every entry in the DLQ. Bulk actions need this or a filter." };

    public void AddTo(Command command)
    {
        foreach (var option in _criteria.Select(criterion => criterion.Option).Append(_ids).Append(_idsFile).Append(_all))
        {
            command.Options.Add(option);
        }
    }

    public FilterArguments Read(ParseResult parse) => new()
    {
        Criteria = [.. _criteria.SelectMany(criterion => criterion.Read(parse).Select(value => (criterion.Flag, value)))],
        Ids = parse.GetValue(_ids) ?? [],
        IdsFile = parse.GetValue(_idsFile),
        All = parse.GetValue(_all),
    };

    private static (FilterFlag, Func<ParseResult, IReadOnlyList<string>>, Option) Create(FilterFlag flag)
    {
        if (flag.Repeatable)
        {
            var many = new Option<string[]>(flag.Name) { Description = flag.Description, HelpName = flag.HelpName };
            return (flag, parse => parse.GetValue(many) ?? [], many);
        }

        var one = new Option<string?>(flag.Name) { Description = flag.Description, HelpName = flag.HelpName };
        return (flag, parse => parse.GetValue(one) is { } value ? [value] : [], one);
    }
}
