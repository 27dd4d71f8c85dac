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
        (Model.CallbackState.InProgress, "CallbackInProgress"),
        (Model.CallbackState.Success, "CallbackSuccess"),
        (Model.CallbackState.Fail, "CallbackFail"),
        (Model.CallbackState.Canceled, "CallbackCanceled"));

    public static StoredEnum<RunState> RunState { get; } = new(
        (Model.RunState.Started, "RunStarted"),
        (Model.RunState.Success, "RunSuccess"),
        (Model.RunState.Failed, "RunFailed"),
        (Model.RunState.Canceled, "RunCanceled"));

    public static StoredEnum<StepState> StepState { get; } = new(
        (Model.StepState.Success, "StepSuccess"),
        (Model.StepState.Retry, "StepRetry"),
        (Model.StepState.Failed, "StepFailed"),
        (Model.StepState.Progress, "StepProgress"),
        (Model.StepState.Canceled, "StepCanceled"));

    public static StoredEnum<StepType> StepType { get; } = StoredEnum<StepType>.ByName();

    public static StoredEnum<WorkflowRunOrigin> Origin { get; } = StoredEnum<WorkflowRunOrigin>.ByName();
}
