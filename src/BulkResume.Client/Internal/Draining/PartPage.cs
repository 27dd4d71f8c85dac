namespace BulkResume.Internal.Draining;

/// <summary>
/// One answered page of a <see cref="DrainPart"/>: what it yielded, how many entries it acted on, the service's cursor
/// to continue the part (null when the part is done), and whether it was full (as many as were asked for): the sign
/// that the part is dense enough to be worth splitting.
/// </summary>
internal readonly record struct PartPage<T>(IReadOnlyList<T> Values, long Taken, string? Cursor, bool Full);
