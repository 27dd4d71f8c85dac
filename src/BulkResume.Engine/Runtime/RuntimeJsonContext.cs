using System.Text.Json.Serialization;

namespace BulkResume.Engine.Runtime;

/// <summary>Source-generated JSON for the outputs of string steps (no reflection, AOT-safe).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class RuntimeJsonContext : JsonSerializerContext;
