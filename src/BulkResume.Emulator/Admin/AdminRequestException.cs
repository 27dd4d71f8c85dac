namespace BulkResume.Emulator.Admin;

/// <summary>An admin request that can't be carried out; answered 400 with its message.</summary>
internal sealed class AdminRequestException(string message) : Exception(message);
