using BulkResume.Engine.Storage;
using BulkResume.Engine.Model;

namespace BulkResume.Engine.Sql;

/// <summary>The texts the SQL stores keep for the model's enums, in their columns and their stored JSON.</summary>
/// <remarks>
/// Databases already hold these texts, so they never change, whatever the C# names become: they are the values' C# names
/// when the schema was made. Issue 25 dropped the type's name from the names of the states
/// (<c>CallbackState.CallbackFail</c> became <see cref="CallbackState.Fail"/>), so those keep their old texts here;
/// <c>SqlStoredNamesTests</c> holds every text and reads a database written with them.
/// </remarks>
internal static class StoredNames
{
    public static StoredEnum<CallbackState> CallbackState { get; } = new(
        (Engine.CallbackState.InProgress, "CallbackInProgress"),
        (Engine.CallbackState.Success, "CallbackSuccess"),
        (Engine.CallbackState.Fail, "CallbackFail"),
        (Engine.CallbackState.Canceled, "CallbackCanceled"));

    public static StoredEnum<RunState> RunState { get; } = new(
        (Engine.RunState.Started, "RunStarted"),
        (Engine.RunState.Success, "RunSuccess"),
        (Engine.RunState.Failed, "RunFailed"),
        (Engine.RunState.Canceled, "RunCanceled"));

    public static StoredEnum<StepState> StepState { get; } = new(
        (Engine.StepState.Success, "StepSuccess"),
        (Engine.StepState.Retry, "StepRetry"),
        (Engine.StepState.Failed, "StepFailed"),
        (Engine.StepState.Progress, "StepProgress"),
        (Engine.StepState.Canceled, "StepCanceled"));

    public static StoredEnum<StepType> StepType { get; } = StoredEnum<StepType>.ByName();

    public static StoredEnum<WorkflowRunOrigin> Origin { get; } = StoredEnum<WorkflowRunOrigin>.ByName();

    /// <summary>A criterion's values as its column holds them: the selection names a state by its C# name, the column by its stored text.</summary>
    public static IReadOnlyList<object> Of<TRecord>(SelectionCriterion<TRecord> criterion, IReadOnlyList<object> values) =>
        criterion switch
        {
            SelectionCriterion<DlqEntry> { Storage: CriterionStorage.Column, SqlColumn: "callback_state" } => Texts(CallbackState, values),
            SelectionCriterion<RunRecord> { Storage: CriterionStorage.Column, SqlColumn: "state" } => Texts(RunState, values),
            _ => values,
        };

    private static string[] Texts<T>(StoredEnum<T> names, IReadOnlyList<object> values)
        where T : struct, Enum =>
        values.Select(value => names.Of(Enum.Parse<T>((string)value))).ToArray();
}
