using Commerce.Customers.Services;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Bulk;

/// <summary>One data line of an import: its line number in the file, the customer it describes and the language as written (checked by <see cref="CustomerImportChecker"/>).</summary>
public sealed record CustomerImportRow(int Line, CustomerFields Fields, string? Language = null)
{
    public string Subject => Fields.Email ?? string.Join(" ", new[] { Fields.FirstName, Fields.LastName, Fields.Company }.Where(part => !string.IsNullOrWhiteSpace(part)));
}

/// <summary>
/// An uploaded customers CSV, read by its header: Company, Last name, First name, Email, Phone and
/// Language (the export's own header reads back). Other columns, such as Id or Created, are ignored and named.
/// </summary>
public sealed class CustomerImportFile
{
    public const int MaxRows = 100_000;

    /// <summary>The export has 8 columns; a header far wider is not a customers file, and each column costs memory and a line on the job's page.</summary>
    public const int MaxColumns = 100;

    public const int MaxHeaderCharacters = 8 * 1024;

    private static readonly Dictionary<string, string> KnownColumns = new(StringComparer.OrdinalIgnoreCase)
    {
        ["company"] = nameof(CustomerFields.Company),
        ["last name"] = nameof(CustomerFields.LastName),
        ["lastname"] = nameof(CustomerFields.LastName),
        ["first name"] = nameof(CustomerFields.FirstName),
        ["firstname"] = nameof(CustomerFields.FirstName),
        ["email"] = nameof(CustomerFields.Email),
        ["phone"] = nameof(CustomerFields.Phone),
        ["language"] = nameof(CustomerImportRow.Language),
    };

    public IReadOnlyList<CustomerImportRow> Rows { get; private init; } = [];
    public IReadOnlyList<string> IgnoredColumns { get; private init; } = [];

    /// <summary>What makes the whole file unusable (no header, no name column, too many lines); empty if none.</summary>
    public IReadOnlyList<string> FileErrors { get; private init; } = [];

    /// <summary>Lines whose shape is wrong (too many or too few fields), before any customer rule.</summary>
    public IReadOnlyList<(int Line, string Message)> LineErrors { get; private init; } = [];

    public static CustomerImportFile Read(string text, IStringLocalizer S)
    {
        using var records = CsvParser.Read(text).GetEnumerator();
        if (!records.MoveNext())
        {
            return new CustomerImportFile { FileErrors = [S["The file is empty. The first line must name the columns, such as Company,Last name,First name,Email,Phone."]] };
        }

        var fields = records.Current.Fields;
        if (fields.Count > MaxColumns)
        {
            return new CustomerImportFile { FileErrors = [S["The first line names {0:N0} columns; at most {1} are read. Keep only the customers' columns, such as Company,Last name,First name,Email,Phone.", fields.Count, MaxColumns]] };
        }

        if (fields.Sum(name => name.Length + 1) > MaxHeaderCharacters)
        {
            return new CustomerImportFile { FileErrors = [S["The first line is longer than {0} KB. It must name the columns, such as Company,Last name,First name,Email,Phone.", MaxHeaderCharacters / 1024]] };
        }

        var header = fields.Select(name => name.Trim()).ToList();
        var columns = header.Select(name => KnownColumns.GetValueOrDefault(name)).ToList();
        if (!columns.Contains(nameof(CustomerFields.LastName)) && !columns.Contains(nameof(CustomerFields.Company)))
        {
            return new CustomerImportFile { FileErrors = [S["The first line must name the columns, and include Last name or Company. Recognised columns: Company, Last name, First name, Email, Phone, Language."]] };
        }

        var duplicates = columns.Where(column => column is not null).GroupBy(column => column).Where(group => group.Count() > 1).Select(group => group.Key!).ToList();
        if (duplicates.Count > 0)
        {
            return new CustomerImportFile { FileErrors = [S["The column {0} appears more than once.", string.Join(", ", duplicates.Select(column => header[columns.IndexOf(column)]))]] };
        }

        var rows = new List<CustomerImportRow>();
        var lineErrors = new List<(int, string)>();
        while (records.MoveNext())
        {
            var record = records.Current;
            if (record.Fields.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            if (rows.Count + lineErrors.Count >= MaxRows)
            {
                return new CustomerImportFile { FileErrors = [S["The file has more than {0:N0} customers. Split it into smaller files.", MaxRows]] };
            }

            if (record.Fields.Count != header.Count)
            {
                lineErrors.Add((record.Line, S["The line has {0} fields, but the header has {1}. Quote values that contain commas.", record.Fields.Count, header.Count]));
                continue;
            }

            string? Value(string column) => columns.IndexOf(column) is >= 0 and var index ? record.Fields[index] : null;
            rows.Add(new CustomerImportRow(record.Line, new CustomerFields(
                Value(nameof(CustomerFields.Company)),
                Value(nameof(CustomerFields.FirstName)),
                Value(nameof(CustomerFields.LastName)),
                Value(nameof(CustomerFields.Email)),
                Value(nameof(CustomerFields.Phone))),
                Value(nameof(CustomerImportRow.Language))));
        }

        return new CustomerImportFile
        {
            Rows = rows,
            LineErrors = lineErrors,
            IgnoredColumns = header.Where((name, index) => columns[index] is null && name.Length > 0).ToList(),
        };
    }
}
