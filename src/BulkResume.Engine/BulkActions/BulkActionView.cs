using BulkResume.Engine.Storage;

namespace BulkResume.Engine.BulkActions;

/// <summary>A stored bulk action as the API reports it: its kind and filter read from its definition.</summary>
internal sealed class BulkActionView(BulkActionRecord record)
{
    private readonly BulkActionDefinition _definition = BulkActionDefinition.Parse(record.Definition);

    public BulkActionRecord Record { get; } = record;

    public string Kind => _definition.Kind;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Filter => _definition.Filter;

    public bool Finished => Record.CompletedAt is not null;
}
