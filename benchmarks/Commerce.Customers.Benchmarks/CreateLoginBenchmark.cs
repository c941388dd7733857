using System.Diagnostics;
using System.Globalization;
using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Benchmarks;

/// <summary>
/// Create login, exactly as the Login details tab runs it (generate, check strength, hash, user,
/// link, outbox email, audit, one transaction), against Identity's password hasher alone: the hash
/// is the intended cost, and everything else should be small beside it.
/// </summary>
public sealed class CreateLoginBenchmark(BenchOptions options, string dataFolder, ResultTable table)
{
    private const int Logins = 120;
    private const int Block = 10;

    public async Task RunAsync()
    {
        await using var site = InProcessSite.Create(options, dataFolder);
        List<int> ids;
        await using (var scope = site.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
            ids = await db.Customers.Where(c => c.UserId == null).OrderBy(c => c.Id).Select(c => c.Id).Take(Logins).ToListAsync();
        }

        var hasher = site.Services.GetRequiredService<IPasswordHasher<ShopUser>>();
        var user = new ShopUser { UserName = "hash@example.com" };
        var loginTime = TimeSpan.Zero;
        var hashTime = TimeSpan.Zero;
        var failures = 0;
        // Blocks alternate, so both sides see the same machine.
        for (var start = 0; start < ids.Count; start += Block)
        {
            var watch = Stopwatch.StartNew();
            foreach (var id in ids.Skip(start).Take(Block))
            {
                failures += await CreateLoginAsync(site, id) ? 0 : 1;
            }

            loginTime += watch.Elapsed;
            watch.Restart();
            for (var i = 0; i < Block; i++)
            {
                hasher.HashPassword(user, "Xq7-bench-" + i.ToString(CultureInfo.InvariantCulture));
            }

            hashTime += watch.Elapsed;
        }

        if (failures > 0)
        {
            throw new InvalidOperationException($"{failures} of {ids.Count} benchmark logins failed.");
        }

        var loginsPerSecond = ids.Count / loginTime.TotalSeconds;
        var hashesPerSecond = ids.Count / hashTime.TotalSeconds;
        var ratio = loginsPerSecond / hashesPerSecond;
        table.Add(new BenchResult(
            $"Create login throughput ({options.Provider}, {ids.Count} logins)",
            $"{loginsPerSecond:0.0} logins/s",
            $"{hashesPerSecond:0.0} hashes/s (PasswordHasher alone)",
            ratio,
            "≥ 0.8×",
            ratio >= 0.8));
    }

    private static async Task<bool> CreateLoginAsync(InProcessSite site, int id)
    {
        await using var scope = site.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<CustomersDbContext>();
        var logins = scope.ServiceProvider.GetRequiredService<CustomerLoginService>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var customer = await db.Customers.SingleAsync(c => c.Id == id);
        var result = await logins.CreateLoginAsync(customer, new LoginActor(null, "benchmark"));
        if (!result.Succeeded)
        {
            return false;
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return true;
    }
}
