/// <summary>Why a recovery request was refused.</summary>
internal sealed record RecoveryError(string Error);
