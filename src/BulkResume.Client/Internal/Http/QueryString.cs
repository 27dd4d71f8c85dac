using System.Text;

namespace BulkResume.Internal.Http;

/// <summary>Builds a query string with repeated keys (<c>?k=a&amp;k=b</c>) and percent-encoded values.</summary>
internal sealed class QueryString
{
    private readonly List<KeyValuePair<string, string>> _parameters = [];

    public QueryString Add(string name, string value)
    {
        _parameters.Add(new(name, value));
        return this;
    }

    public QueryString Add(string name, long value) =>
        Add(name, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public QueryString AddEach(string name, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            Add(name, value);
        }

        return this;
    }

    /// <summary>The parameters as a person reads them, for a filter's <c>ToString</c>: <c>label=eu, label=us</c>, unescaped.</summary>
    public string Describe() => string.Join(", ", _parameters.Select(parameter => parameter.Key + "=" + parameter.Value));

    /// <summary>The query to append to a path: <c>?k=a&amp;k=b</c> with escaped values, or empty.</summary>
    public override string ToString()
    {
        var builder = new StringBuilder();
        foreach (var (name, value) in _parameters)
        {
            builder.Append(builder.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
        }

        return builder.ToString();
    }
}
