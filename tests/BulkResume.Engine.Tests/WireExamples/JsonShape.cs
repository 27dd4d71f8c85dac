using System.Text.Json;

namespace BulkResume.Engine.Tests.WireExamples;

/// <summary>
/// Compares an actual JSON answer with a recorded one: same members, same values, same order of array items;
/// a recorded string <c>"*"</c> matches any non-empty string (opaque cursors).
/// </summary>
internal static class JsonShape
{
    public static IEnumerable<string> Differences(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind == JsonValueKind.String && expected.GetString() == "*")
        {
            if (actual.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(actual.GetString()))
            {
                yield return $"{path}: expected a non-empty string, got {actual.GetRawText()}";
            }

            yield break;
        }

        if (expected.ValueKind != actual.ValueKind)
        {
            yield return $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
            yield break;
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var expectedNames = expected.EnumerateObject().Select(p => p.Name).ToHashSet();
                foreach (JsonProperty extra in actual.EnumerateObject().Where(p => !expectedNames.Contains(p.Name)))
                {
                    yield return $"{path}.{extra.Name}: not in the recording, got {extra.Value.GetRawText()}";
                }

                foreach (JsonProperty property in expected.EnumerateObject())
                {
                    if (!actual.TryGetProperty(property.Name, out JsonElement value))
                    {
                        yield return $"{path}.{property.Name}: missing";
                        continue;
                    }

                    foreach (string difference in Differences(property.Value, value, $"{path}.{property.Name}"))
                    {
                        yield return difference;
                    }
                }

                break;
            case JsonValueKind.Array:
                JsonElement[] expectedItems = expected.EnumerateArray().ToArray();
                JsonElement[] actualItems = actual.EnumerateArray().ToArray();
                if (expectedItems.Length != actualItems.Length)
                {
                    yield return $"{path}: expected {expectedItems.Length} items, got {actualItems.Length}";
                    yield break;
                }

                for (int i = 0; i < expectedItems.Length; i++)
                {
                    foreach (string difference in Differences(expectedItems[i], actualItems[i], $"{path}[{i}]"))
                    {
                        yield return difference;
                    }
                }

                break;
            case JsonValueKind.String:
                if (expected.GetString() != actual.GetString())
                {
                    yield return $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
                }

                break;
            default:
                if (expected.GetRawText() != actual.GetRawText())
                {
                    yield return $"{path}: expected {expected.GetRawText()}, got {actual.GetRawText()}";
                }

                break;
        }
    }
}
