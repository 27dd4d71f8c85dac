using System.Globalization;

namespace BulkResume.Internal.Draining;

/// <summary>A chunk of an explicit id list: one request, all or nothing, never split.</summary>
internal sealed class IdRangePart : DrainPart
{
    public IdRangePart(string[] ids, int offset)
    {
        Ids = ids;
        Offset = offset;
    }

    /// <summary>The chunk's ids, in the list's order.</summary>
    public string[] Ids { get; }

    /// <summary>The position of the first id in the list.</summary>
    public int Offset { get; }

    /// <summary>The positions of the chunk in the list, inclusive: <c>ids[50..99]</c>.</summary>
    public override string Label => string.Create(CultureInfo.InvariantCulture, $"ids[{Offset}..{Offset + Ids.Length - 1}]");
}
