namespace BulkResume.Engine.Storage;

/// <summary>How a selection criterion compares a record's value with the values asked for.</summary>
public enum CriterionMatch
{
    /// <summary>The record's value, or one of its values, is one of those asked for.</summary>
    OneOf,

    /// <summary>The record's value starts with the one asked for.</summary>
    Prefix,

    /// <summary>The record's value is at or after the one asked for.</summary>
    AtLeast,

    /// <summary>The record's value is at or before the one asked for.</summary>
    AtMost,
}
