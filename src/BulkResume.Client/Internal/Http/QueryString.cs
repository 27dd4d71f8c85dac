using System.Text;

namespace BulkResume.Internal.Http;

/// <summary>Builds a query string with repeated keys (<c>?k=a&amp;k=b</c>) and percent-encoded values.</summary>
internal sealed class QueryString
{
    private readonly StringBuilder _builder = new();

    public QueryString Add(string name, string value)
    {
        _builder.Append(_builder.Length == 0 ? '?' : '&')
            .Append(name)
            .Append('=')
            .Append(Uri.EscapeDataString(value));
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

    public override string ToString() => _builder.ToString();
}
