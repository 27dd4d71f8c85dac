using BulkResume.Engine.Selection;

namespace BulkResume.Engine.Http.Parsing;

/// <summary>What a request selects: the entries, the cursor to continue after and how many it asks for.</summary>
internal sealed record SelectionRequest(DlqSelection Selection, string? Cursor, int? Count);
