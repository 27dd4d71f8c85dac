/// <summary>How many runs a recovery resumed.</summary>
internal sealed record RecoveryResult(int Resumed);
