
namespace BulkResume.Engine.Storage.Stored;

/// <summary>The texts stores keep for the model's enums, in <see cref="StoredJson"/> and in their columns.</summary>
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

    /// <summary>The texts of <typeparamref name="T"/>, one of the enums a store keeps in a column.</summary>
    /// <exception cref="ArgumentException"><typeparamref name="T"/> is not kept in a column.</exception>
    public static StoredEnum<T> For<T>()
        where T : struct, Enum =>
        (CallbackState as StoredEnum<T>) ?? (RunState as StoredEnum<T>) ?? (Origin as StoredEnum<T>)
        ?? throw new ArgumentException($"A store keeps no {typeof(T).Name} in a column; {nameof(CallbackState)}, {nameof(RunState)} and {nameof(WorkflowRunOrigin)} it does.", nameof(T));
}
