using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Notifications;

/// <summary>
/// Learns the site's public address for links in emails when set-up could not: a site set up
/// unattended without <c>Setup:BaseUrl</c> keeps the address its administrator first signs in at.
/// Only an administrator's: customers sign in on the same page, and anyone can register, so their
/// Host header could be forged to send everyone's links elsewhere.
/// </summary>
public sealed class SiteAddressRecorder(CustomersDbContext db, SiteSettingsStore settings, UserManager<ShopUser> users)
{
    public async Task RememberAsync(ShopUser user, HttpRequest request, CancellationToken cancellationToken)
    {
        if ((await settings.GetAsync(cancellationToken))?.BaseUrl is { Length: > 0 } || !await users.IsInRoleAsync(user, Permissions.AdministratorRole))
        {
            return;
        }

        var address = SiteUrls.Normalize(SiteUrls.OfRequest(request));
        if (address is null)
        {
            return;
        }

        // Only while still unknown, so two administrators signing in at once cannot overwrite each other.
        await db.SiteSettings.Where(site => site.Id == SiteSettings.SingletonId && site.BaseUrl == null)
            .ExecuteUpdateAsync(set => set.SetProperty(site => site.BaseUrl, address), cancellationToken);
        SiteSettingsCache.Invalidate();
    }
}
