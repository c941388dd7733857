using Commerce.Customers.Data;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Bulk;

/// <summary>A line that will not be imported, and why.</summary>
public sealed record ImportLineError(int Line, string Subject, string Message);

/// <summary>
/// The rules an imported customer must pass: the editor's own (CustomerValidator), a language the
/// module ships (or none, for the site's), and an email
/// that no other customer, nor an earlier line of the file, already has. The dry run checks every
/// line at once; the import checks each line again as it goes, since the data may have changed.
/// </summary>
public sealed class CustomerImportChecker(CustomersDbContext db, CustomerValidator validator, IStringLocalizer<CustomerImportChecker> S)
{
    private const int EmailBatch = 500;
    private const int ShownValueLength = 40;

    public async Task<IReadOnlyList<ImportLineError>> CheckAllAsync(CustomerImportFile file, CancellationToken cancellationToken)
    {
        var errors = file.LineErrors.Select(error => new ImportLineError(error.Line, "", error.Message)).ToList();
        var firstLineOfEmail = new Dictionary<string, int>(StringComparer.Ordinal);
        var toLookUp = new List<CustomerImportRow>();
        foreach (var row in file.Rows)
        {
            if (RuleErrors(row) is { } message)
            {
                errors.Add(new ImportLineError(row.Line, row.Subject, message));
                continue;
            }

            var email = Customer.Normalize(row.Fields.Email);
            if (email.Length == 0)
            {
                continue;
            }

            if (firstLineOfEmail.TryGetValue(email, out var first))
            {
                errors.Add(new ImportLineError(row.Line, row.Subject, S["The email {0} is already on line {1} of the file.", row.Fields.Email!.Trim(), first]));
                continue;
            }

            firstLineOfEmail[email] = row.Line;
            toLookUp.Add(row);
        }

        foreach (var chunk in toLookUp.Chunk(EmailBatch))
        {
            var emails = chunk.Select(row => Customer.Normalize(row.Fields.Email)).ToList();
            var existing = (await db.Customers.AsNoTracking().Where(c => emails.Contains(c.NormalizedEmail)).Select(c => c.NormalizedEmail).ToListAsync(cancellationToken))
                .ToHashSet(StringComparer.Ordinal);
            errors.AddRange(chunk.Where(row => existing.Contains(Customer.Normalize(row.Fields.Email)))
                .Select(row => new ImportLineError(row.Line, row.Subject, S["A customer with the email {0} already exists.", row.Fields.Email!.Trim()])));
        }

        return errors.OrderBy(error => error.Line).ToList();
    }

    /// <summary>Null if the row may be imported now.</summary>
    public async Task<string?> CheckOneAsync(CustomerImportRow row, CancellationToken cancellationToken)
    {
        if (RuleErrors(row) is { } message)
        {
            return message;
        }

        var email = Customer.Normalize(row.Fields.Email);
        return email.Length > 0 && await db.Customers.AnyAsync(c => c.NormalizedEmail == email, cancellationToken)
            ? S["A customer with the email {0} already exists.", row.Fields.Email!.Trim()].Value
            : null;
    }

    private string? RuleErrors(CustomerImportRow row)
    {
        var errors = validator.Validate(row.Fields).Select(error => error.Message).ToList();
        if (!SupportedCultures.TryParse(row.Language, out _))
        {
            errors.Add(S["The language {0} is not supported: use {1}, or leave it empty for the site's language.", Shown(row.Language!.Trim()), string.Join(", ", SupportedCultures.Names)]);
        }

        return errors.Count == 0 ? null : string.Join(" ", errors);
    }

    /// <summary>A value as a message quotes it: a whole cell could be kilobytes long.</summary>
    private static string Shown(string value) => value.Length > ShownValueLength ? value[..ShownValueLength] + "…" : value;
}
