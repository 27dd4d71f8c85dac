namespace BulkResume.Cli.Operations;

/// <summary>
/// What a bulk action that did not finish, and left no cursor, left of its selection, read from the DLQ after it
/// ended, so that the report and the printed command are exact: by ids, the ids still there (the command names them
/// instead of the whole list, since a request whose ids are partly gone is refused all or nothing); by criteria,
/// whether any entry is left.
/// </summary>
internal sealed record Remainder(bool Empty, IReadOnlyList<string>? DlqIds)
{
    /// <summary>The remainder, or null when the DLQ could not be read (the report then says less).</summary>
    public static async Task<Remainder?> ReadAsync(DlqClient dlq, Arguments.Selection selection)
    {
        // Not the stop token: Ctrl+C was what ended the run, and this is one short read.
        try
        {
            if (selection.DlqIds is not null)
            {
                var preview = await SelectionPreview.LoadAsync(dlq, selection.Filter, int.MaxValue, CancellationToken.None);
                return new Remainder(preview.Count == 0, [.. preview.Entries.Select(entry => entry.DlqId)]);
            }

            await foreach (var page in dlq.ListAsync(selection.Filter).AsPages(pageSizeHint: 1))
            {
                return new Remainder(page.Values.Count == 0, null);
            }

            return new Remainder(true, null);
        }
        catch (Exception e) when (e is WorkflowApiException or HttpRequestException or TimeoutException)
        {
            return null;
        }
    }
}
