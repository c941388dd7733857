using Commerce.Customers.Data;
using Commerce.Customers.Models;

namespace Commerce.Customers.Bulk;

/// <summary>Import: creates one customer per line that passes the checks; a line that does not is reported.</summary>
public sealed class ImportCustomersHandler(CustomersDbContext db, CustomerImportChecker checker, TimeProvider clock) : IBulkJobHandler
{
    private (long JobId, CustomerImportFile File, SortedDictionary<long, CustomerImportRow?> Lines)? _parsed;

    public BulkJobKind Kind => BulkJobKind.Import;

    public Task<IReadOnlyList<long>> NextItemsAsync(BulkJob job, long cursor, int take, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>(Lines(job).Keys.Where(line => line > cursor).Take(take).ToList());

    public async Task<BulkItemOutcome> ProcessAsync(BulkJob job, long item, object? prepared, CancellationToken cancellationToken)
    {
        var file = Parsed(job).File;
        if (!Lines(job).TryGetValue(item, out var row) || row is null)
        {
            var shape = file.LineErrors.FirstOrDefault(error => error.Line == item);
            return BulkItemOutcome.Refused("", shape.Message ?? "The line could not be read.");
        }

        if (await checker.CheckOneAsync(row, cancellationToken) is { } problem)
        {
            return BulkItemOutcome.Refused(row.Subject, problem);
        }

        var customer = new Customer
        {
            Company = row.Fields.Company,
            FirstName = row.Fields.FirstName,
            LastName = row.Fields.LastName,
            Email = row.Fields.Email,
            Phone = string.IsNullOrWhiteSpace(row.Fields.Phone) ? null : row.Fields.Phone.Trim(),
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        return BulkItemOutcome.Done(row.Subject);
    }

    /// <summary>Every line number with data: the readable rows, and the ones whose shape was wrong (null).</summary>
    private SortedDictionary<long, CustomerImportRow?> Lines(BulkJob job) => Parsed(job).Lines;

    // The payload is read once per scope (a batch), not once per line.
    private (long JobId, CustomerImportFile File, SortedDictionary<long, CustomerImportRow?> Lines) Parsed(BulkJob job)
    {
        if (_parsed is { } parsed && parsed.JobId == job.Id)
        {
            return parsed;
        }

        var file = CustomerImportFile.Read(job.Payload ?? "");
        var lines = new SortedDictionary<long, CustomerImportRow?>();
        foreach (var row in file.Rows)
        {
            lines[row.Line] = row;
        }

        foreach (var (line, _) in file.LineErrors)
        {
            lines[line] = null;
        }

        _parsed = (job.Id, file, lines);
        return _parsed.Value;
    }
}
