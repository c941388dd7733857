using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Localization;

/// <summary>
/// A person's own language and time zone. The language is also the customer record's, so that
/// their emails are written in it; the sign-in cookie is renewed so the next page uses both.
/// </summary>
public sealed class RegionalPreferences(UserManager<ShopUser> users, SignInManager<ShopUser> signIn, CustomersDbContext db)
{
    /// <param name="culture">A supported culture name, or null for "as the browser or site says".</param>
    /// <param name="timeZoneId">An IANA zone id, or null for the site's.</param>
    public async Task SaveAsync(ShopUser user, string? culture, string? timeZoneId, CancellationToken cancellationToken)
    {
        user.Culture = culture;
        user.TimeZoneId = timeZoneId;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", updated.Errors.Select(error => error.Code)));
        }

        await db.Customers.Where(customer => customer.UserId == user.Id)
            .ExecuteUpdateAsync(setters => setters.SetProperty(customer => customer.Culture, culture), cancellationToken);
        await signIn.RefreshSignInAsync(user);
    }
}
