using Commerce.Customers.Data;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Bulk;

/// <summary>Import: creates one customer per line that passes the checks; a line that does not is reported.</summary>
public sealed class ImportCustomersHandler(CustomersDbContext db, CustomerImportChecker checker, ParsedImportCache parsedImports, TimeProvider clock, IStringLocalizer<ImportCustomersHandler> S) : IBulkJobHandler
{
    public BulkJobKind Kind => BulkJobKind.Import;

    public Task<IReadOnlyList<long>> NextItemsAsync(BulkJob job, long cursor, int take, CancellationToken cancellationToken) =>
        Task.FromResult(parsedImports.Get(job).LinesAfter(cursor, take));

    public async Task<BulkItemOutcome> ProcessAsync(BulkJob job, long item, object? prepared, CancellationToken cancellationToken)
    {
        var parsed = parsedImports.Get(job);
        if (!parsed.TryGetRow(item, out var row) || row is null)
        {
            var shape = parsed.File.LineErrors.FirstOrDefault(error => error.Line == item);
            return BulkItemOutcome.Refused("", shape.Message ?? S["The line could not be read."]);
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
            Culture = SupportedCultures.TryParse(row.Language, out var culture) ? culture : null,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.Customers.Add(customer);
        await db.SaveChangesAsync(cancellationToken);
        return BulkItemOutcome.Done(row.Subject);
    }
}
