using System.Collections.Concurrent;
using BulkResume.Engine.Resume;
using BulkResume.Engine.Selection;
using BulkResume.Engine.Storage;

namespace BulkResume.Engine.BulkActions;

/// <summary>
/// What a bulk action of one kind selects and does to each item: the wire name, how a request's filter becomes its
/// selection, how it is counted and bounded at creation, and one slice of its work.
/// </summary>
/// <remarks>
/// The kinds on DLQ entries are <see cref="EntryActionKind"/>s; the bulk cancel of runs is a <see cref="RunCancelKind"/>,
/// with its own selection and slice.
/// </remarks>
internal abstract class BulkActionKind(string name, SelectionOperations operation)
{
    public static BulkActionKind Resume { get; } = new EntryActionKind("resume", SelectionOperations.ResumeAction, ResumeTransition.Resume);

    public static BulkActionKind Restart { get; } = new EntryActionKind("restart", SelectionOperations.RestartAction, ResumeTransition.Restart);

    public static BulkActionKind Delete { get; } = new EntryActionKind("delete", SelectionOperations.DeleteAction, rule: null);

    public static BulkActionKind Cancel { get; } = new RunCancelKind();

    public static IReadOnlyList<BulkActionKind> All { get; } = [Resume, Restart, Delete, Cancel];

    /// <summary>The wire name (<c>kind</c>), also stored.</summary>
    public string Name { get; } = name;

    /// <summary>The operation whose criteria (<see cref="Storage.SelectionCriteria"/>) the action takes.</summary>
    public SelectionOperations Operation { get; } = operation;

    /// <summary>Whether its runs take the override headers.</summary>
    public abstract bool TakesOverrides { get; }

    /// <summary>The kind a stored action names.</summary>
    public static BulkActionKind Named(string name) =>
        All.FirstOrDefault(kind => kind.Name == name)
        ?? throw new InvalidOperationException($"A stored bulk action has the kind '{name}', which this version of the engine does not know; run the version that created it.");

    /// <summary>What identical requests of this kind share: the kind and the selection's fingerprint (the same values in any order).</summary>
    public abstract string KeyOf(IReadOnlyDictionary<string, IReadOnlyList<string>> filter);

    /// <summary>Checks the request, and counts and bounds what the action covers now.</summary>
    /// <returns>The total and the definition to store.</returns>
    /// <exception cref="DlqEngineException">The selection or an override is refused; nothing was created.</exception>
    public abstract ValueTask<(long Total, BulkActionDefinition Definition)> DefineAsync(
        DlqEngine engine, IReadOnlyDictionary<string, IReadOnlyList<string>> filter, ResumeOverrides? overrides, CancellationToken cancellationToken);

    /// <summary>Acts on one slice of the action's items in one store transaction that also counts them into its progress.</summary>
    /// <param name="engine">The engine.</param>
    /// <param name="action">The action, unfinished.</param>
    /// <param name="definition">Its definition.</param>
    /// <param name="positions">Where this process's next slice of each action starts (a hint: another process may have taken those items).</param>
    /// <param name="cancellationToken">Cancels the slice; its transaction is rolled back.</param>
    /// <returns>A task that completes when the slice is committed.</returns>
    public abstract ValueTask RunSliceAsync(
        DlqEngine engine, BulkActionRecord action, BulkActionDefinition definition, ConcurrentDictionary<string, object> positions, CancellationToken cancellationToken);
}
