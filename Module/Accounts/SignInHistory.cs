using System.Net;
using System.Net.Sockets;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Each login's own sign-in history: every attempt at a known login, from which client and
/// network (never the full address), kept for the site's number of days and then deleted.
/// An attempt is written in a unit of work of its own, so it is kept whatever becomes of the
/// caller's (a sign-in whose own save lost a race is still written down).
/// </summary>
public sealed class SignInHistory(
    CustomersDbContext db,
    IServiceScopeFactory scopes,
    CustomerAccountSettingsStore settings,
    IHttpContextAccessor httpContextAccessor,
    TimeProvider clock)
{
    public const int Shown = 50;

    public async Task RecordAsync(ShopUser user, bool succeeded, SignInMethod method, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var request = httpContextAccessor.HttpContext?.Request;
        var client = request?.Headers.UserAgent.ToString();
        await using var scope = scopes.CreateAsyncScope();
        var own = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        own.SignInEvents.Add(new SignInEvent
        {
            UserId = user.Id,
            CreatedUtc = now,
            Succeeded = succeeded,
            Method = method,
            Client = string.IsNullOrWhiteSpace(client) ? null : new string(client.Where(c => !char.IsControl(c)).Take(SignInEvent.ClientMaxLength).ToArray()),
            Network = NetworkOf(httpContextAccessor.HttpContext?.Connection.RemoteIpAddress),
        });
        await own.SaveChangesAsync(cancellationToken);

        // Whatever crossed the retention since the last sign-in goes now (an index on the time keeps it small).
        var cutoff = now.AddDays(-(await settings.GetAsync(cancellationToken)).SignInHistoryDays);
        await own.SignInEvents.Where(sign => sign.CreatedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SignInEvent>> RecentAsync(string userId, CancellationToken cancellationToken = default)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-(await settings.GetAsync(cancellationToken)).SignInHistoryDays);
        return await db.SignInEvents.AsNoTracking()
            .Where(sign => sign.UserId == userId && sign.CreatedUtc >= cutoff)
            .OrderByDescending(sign => sign.CreatedUtc).ThenByDescending(sign => sign.Id)
            .Take(Shown)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The network an address belongs to: "203.0.113.0/24", "2001:db8:85a3::/48".</summary>
    public static string? NetworkOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        var (keep, prefix) = address.AddressFamily == AddressFamily.InterNetwork ? (3, 24) : (6, 48);
        for (var i = keep; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }

        return $"{new IPAddress(bytes)}/{prefix}";
    }
}
