using Commerce.Customers.Models;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Bulk;

/// <summary>An import's file read once: its line numbers in order, and each line's row (null for a malformed line).</summary>
public sealed class ParsedImport
{
    private readonly long[] _lines;
    private readonly Dictionary<long, CustomerImportRow?> _rows = [];

    public ParsedImport(long jobId, CustomerImportFile file)
    {
        JobId = jobId;
        File = file;
        foreach (var row in file.Rows)
        {
            _rows[row.Line] = row;
        }

        foreach (var (line, _) in file.LineErrors)
        {
            _rows[line] = null;
        }

        _lines = [.. _rows.Keys.Order()];
    }

    public long JobId { get; }

    public CustomerImportFile File { get; }

    /// <summary>The line numbers after <paramref name="cursor"/>, found by binary search: a 100,000-line import is not rescanned per batch.</summary>
    public IReadOnlyList<long> LinesAfter(long cursor, int take)
    {
        var index = Array.BinarySearch(_lines, cursor);
        var start = index >= 0 ? index + 1 : ~index;
        return _lines.AsSpan(start, Math.Min(take, _lines.Length - start)).ToArray();
    }

    public bool TryGetRow(long line, out CustomerImportRow? row) => _rows.TryGetValue(line, out row);
}

/// <summary>
/// Keeps the running import's parsed file between the runner's batches (each batch has its own
/// scope), so a 10 MB upload is read once per node, not once per batch of 50 lines.
/// </summary>
public sealed class ParsedImportCache(IStringLocalizer<ParsedImportCache> S)
{
    private ParsedImport? _current;

    public ParsedImport Get(BulkJob job)
    {
        var current = Volatile.Read(ref _current);
        if (current is null || current.JobId != job.Id)
        {
            current = new ParsedImport(job.Id, CustomerImportFile.Read(job.Payload ?? "", S));
            Volatile.Write(ref _current, current);
        }

        return current;
    }
}
