using System.Collections.Immutable;
using System.Globalization;

namespace BulkResume.Internal.Operations;

/// <summary>
/// One page of an explicit id list (<see cref="ResumeFilter.ForDlqIds(string[])"/>, or run ids to cancel): the ids at an
/// offset, in order, and the continuation tokens <c>ids:&lt;offset&gt;</c> of this page and the next.
/// </summary>
/// <remarks>The service has no cursor for ids.</remarks>
internal sealed class IdChunk
{
    private const string TokenPrefix = "ids:";

    private readonly ImmutableArray<string> _all;
    private readonly int _offset;

    private IdChunk(ImmutableArray<string> all, int offset, int size)
    {
        _all = all;
        _offset = offset;
        Ids = all.AsSpan(offset, Math.Min(size, all.Length - offset)).ToArray();
    }

    /// <summary>The ids of this page.</summary>
    public string[] Ids { get; }

    /// <summary>The position of the page's first id in the list.</summary>
    public int Offset => _offset;

    /// <summary>The token this page was requested at: null for the first page.</summary>
    public string? Token => _offset == 0 ? null : TokenAt(_offset);

    /// <summary>The token of the next page: null when this is the last.</summary>
    public string? NextToken => End < _all.Length ? TokenAt(End) : null;

    /// <summary>The ids of the pages before this one: a page is only continued from once it has succeeded.</summary>
    public ImmutableArray<string> Before => _all[.._offset];

    /// <summary>The ids of the pages after this one.</summary>
    public ImmutableArray<string> After => _all[End..];

    private int End => _offset + Ids.Length;

    /// <summary>The page of <paramref name="ids"/> at <paramref name="continuationToken"/> (null: the first).</summary>
    /// <exception cref="ArgumentException">The token is not one of this list's.</exception>
    public static IdChunk At(ImmutableArray<string> ids, string? continuationToken, int size) =>
        new(ids, ParseOffset(ids, continuationToken), size);

    private static string TokenAt(int offset) => TokenPrefix + offset.ToString(CultureInfo.InvariantCulture);

    private static int ParseOffset(ImmutableArray<string> ids, string? continuationToken)
    {
        if (continuationToken is null)
        {
            return 0;
        }

        if (continuationToken.StartsWith(TokenPrefix, StringComparison.Ordinal)
            && int.TryParse(continuationToken.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            && offset < ids.Length)
        {
            return offset;
        }

        throw new ArgumentException(
            "The continuation token does not belong to this list of DLQ ids. Pass a token from a page of the same ForDlqIds(...) operation, or null to start over.",
            nameof(continuationToken));
    }
}
