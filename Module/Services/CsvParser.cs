using System.Text;

namespace Commerce.Customers.Services;

/// <summary>One CSV record and the line of the file it starts on.</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// Reads RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks; CRLF and LF
/// both end a record. What <see cref="Csv"/> writes reads back the same, including the apostrophe
/// it puts before values a spreadsheet would run as formulas.
/// </summary>
public static class CsvParser
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        var fields = new List<string>();
        var field = new StringBuilder();
        var recordLine = 1;
        var quoted = false;
        var fieldStarted = false;
        while (position < text.Length)
        {
            var c = text[position++];
            if (quoted)
            {
                if (c == '"')
                {
                    if (position < text.Length && text[position] == '"')
                    {
                        field.Append('"');
                        position++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when field.Length == 0:
                    quoted = true;
                    fieldStarted = true;
                    break;
                case ',':
                    fields.Add(Unescape(field.ToString()));
                    field.Clear();
                    fieldStarted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    if (fieldStarted || field.Length > 0 || fields.Count > 0)
                    {
                        fields.Add(Unescape(field.ToString()));
                        yield return new CsvRecord(recordLine, fields);
                    }

                    fields = [];
                    field.Clear();
                    fieldStarted = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    field.Append(c);
                    break;
            }
        }

        if (fieldStarted || field.Length > 0 || fields.Count > 0)
        {
            fields.Add(Unescape(field.ToString()));
            yield return new CsvRecord(recordLine, fields);
        }
    }

    /// <summary>Takes off the apostrophe that <see cref="Csv.Field"/> adds before a formula-like value.</summary>
    private static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;
}
