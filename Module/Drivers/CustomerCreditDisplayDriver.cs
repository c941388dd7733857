using System.Security.Claims;
using Commerce.Customers.Credit;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Drivers;

/// <summary>
/// The Credit tab: a store-credit ledger with its balance per currency. Past entries are never
/// edited or deleted; "Correct" prepares a new entry that reverses one. A balance never goes below zero.
/// </summary>
public sealed class CustomerCreditDisplayDriver(
    CustomersDbContext db,
    ICustomerCredit credit,
    IHttpContextAccessor httpContextAccessor,
    IStringLocalizer<CustomerCreditDisplayDriver> S) : CustomerDisplayDriver
{
    public override string TabName => "Credit";

    // Credit is spent at checkout by a signed-in customer; one without a login has the tab only while they hold entries.
    public override async Task<bool> AppliesToAsync(Customer customer) =>
        customer.IsRegistered || await db.CreditEntries.AnyAsync(entry => entry.CustomerId == customer.Id);
    public override int Position => 60;
    public override StaffDuty Duty => StaffDuty.OwnAccess;
    public override Permission EditPermission => Permissions.ManageCustomerCredit;

    public override async Task<EditorShape> EditAsync(Customer customer, BuildEditorContext context)
    {
        var entries = await EntriesAsync(customer.Id);
        // "?correct=ID" fills the form with the reversal of that entry.
        var correctId = long.TryParse(httpContextAccessor.HttpContext?.Request.Query["correct"], out var id) ? id : (long?)null;
        var corrected = entries.FirstOrDefault(entry => entry.Id == correctId);
        var form = corrected is null
            ? new CreditForm()
            : new CreditForm { Amount = -corrected.Amount, Currency = corrected.Currency, Description = S["Correction of entry {0}: {1}", corrected.Id, corrected.Description], CorrectsEntryId = corrected.Id };
        return Shape(entries, Truncate(form));
    }

    public override async Task<EditorShape?> UpdateAsync(Customer customer, UpdateEditorContext context)
    {
        var form = new CreditForm();
        await context.Updater.TryUpdateModelAsync(form, "");
        // One clear message for a bad amount, rather than the binder's generic one as well.
        context.Updater.ModelState.Remove(nameof(CreditForm.Amount));
        var entries = await EntriesAsync(customer.Id);
        var currency = form.Currency?.Trim().ToUpperInvariant() ?? "";

        if (form.Amount is not { } amount || amount == 0 || Math.Abs(amount) > CreditEntry.MaxAmount || decimal.Round(amount, 2) != amount)
        {
            context.Updater.ModelState.AddModelError(nameof(CreditForm.Amount), S["Enter an amount other than zero, with at most two decimals and at most {0:N0}.", CreditEntry.MaxAmount]);
        }

        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            context.Updater.ModelState.AddModelError(nameof(CreditForm.Currency), S["Enter a three-letter currency code, such as USD."]);
        }

        if (string.IsNullOrWhiteSpace(form.Description) || form.Description.Trim().Length > CreditEntry.DescriptionMaxLength || form.Description.Any(char.IsControl))
        {
            context.Updater.ModelState.AddModelError(nameof(CreditForm.Description), S["Describe the entry in at most {0} characters.", CreditEntry.DescriptionMaxLength]);
        }

        if (form.CorrectsEntryId is { } corrects && !entries.Any(entry => entry.Id == corrects))
        {
            context.Updater.ModelState.AddModelError("", S["The entry to correct does not belong to this customer."]);
        }

        if (!context.Updater.ModelState.IsValid)
        {
            return Shape(entries, form);
        }

        var user = httpContextAccessor.HttpContext?.User;
        var added = await credit.AddEntryAsync(new CreditEntry
        {
            CustomerId = customer.Id,
            Amount = form.Amount!.Value,
            Currency = currency,
            Description = form.Description!.Trim(),
            CreatedBy = user?.Identity?.Name ?? user?.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown",
            CorrectsEntryId = form.CorrectsEntryId,
        });
        if (!added.Succeeded)
        {
            context.Updater.ModelState.AddModelError(nameof(CreditForm.Amount), S["The balance is {0:0.00} {1}; it cannot go below zero.", added.Balance, currency]);
            return Shape(entries, form);
        }

        context.SuccessMessage = S["The credit entry was added."];
        return Shape(entries, form);
    }

    private Task<List<CreditEntry>> EntriesAsync(int customerId) =>
        db.CreditEntries.AsNoTracking().Where(entry => entry.CustomerId == customerId).OrderByDescending(entry => entry.CreatedUtc).ThenByDescending(entry => entry.Id).ToListAsync();

    private static CreditForm Truncate(CreditForm form)
    {
        if (form.Description is { Length: > CreditEntry.DescriptionMaxLength } description)
        {
            form.Description = description[..CreditEntry.DescriptionMaxLength];
        }

        return form;
    }

    private static EditorShape Shape(IReadOnlyList<CreditEntry> entries, CreditForm form) => new("CustomerCredit_Edit", new CreditViewModel
    {
        Entries = entries,
        Balances = entries.GroupBy(entry => entry.Currency).ToDictionary(group => group.Key, group => group.Sum(entry => entry.Amount), StringComparer.Ordinal),
        Form = form,
    });
}
