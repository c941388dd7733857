using System.Security.Claims;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>Logins a test makes for itself, so what it does to them (sign-outs, lockouts) touches no other test.</summary>
public static class TestAccounts
{
    public const string Password = "Own-Test-Passw0rd!";

    /// <summary>A login with a customer record of its own, holding <paramref name="permissions"/> through a role of its own if any are given.</summary>
    public static async Task<string> CreateAsync(TestSite site, string email, bool mustChangePassword = false, params Permission[] permissions)
    {
        await site.WithDbAsync(async (db, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            var user = new ShopUser { UserName = email, Email = email, EmailConfirmed = true, MustChangePassword = mustChangePassword };
            Assert.True((await users.CreateAsync(user, Password)).Succeeded);
            if (permissions.Length > 0)
            {
                var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
                var role = new IdentityRole("Role of " + email);
                Assert.True((await roles.CreateAsync(role)).Succeeded);
                foreach (var permission in permissions)
                {
                    Assert.True((await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission.Name))).Succeeded);
                }

                Assert.True((await users.AddToRoleAsync(user, role.Name!)).Succeeded);
            }

            db.Customers.Add(new Customer { LastName = "Own", FirstName = "Test", Email = email, UserId = user.Id, CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
            return true;
        });
        return email;
    }

    public static Task<T> WithUserAsync<T>(TestSite site, string email, Func<UserManager<ShopUser>, ShopUser, Task<T>> action) =>
        site.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<UserManager<ShopUser>>();
            return await action(users, (await users.FindByEmailAsync(email))!);
        });
}
