using System.Text;

namespace Commerce.Customers.Services;

/// <summary>RFC 4180 fields, made safe to open in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>
    /// Quotes a field when it holds a comma, quote or line break. A value a spreadsheet would run
    /// as a formula (=, +, -, @, tab, carriage return first) is prefixed with an apostrophe.
    /// </summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;
    }

    public static string Line(params string?[] fields)
    {
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Field(fields[i]));
        }

        return line.Append("\r\n").ToString();
    }
}
