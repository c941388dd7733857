using System.Globalization;
using System.Net;
using System.Security.Claims;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>Whom a staff action is done to: the columns of the staff matrix.</summary>
public enum TargetKind
{
    NoLogin,
    CustomerLogin,
    StaffLogin,
    AdministratorLogin,

    /// <summary>The actor's own customer record and login.</summary>
    Self,
}

/// <summary>Who acts: one role holding a single permission, the demo's Customer Service role, or an Administrator.</summary>
public sealed record MatrixActor(string Name, IReadOnlyList<Permission> Holds, bool IsAdministrator)
{
    public bool HasPermission(Permission permission) =>
        IsAdministrator || Holds.Any(held => permission.NamesThatGrant().Contains(held.Name));

    public override string ToString() => Name;
}

/// <summary>One staff action on a customer, as a browser (or the bulk bar) posts it.</summary>
/// <param name="Needs">The permission the action asks for.</param>
/// <param name="SeparatedDuty">Staff never do it to themselves (roles, memberships, credit).</param>
/// <param name="DeletesLogin">Staff never delete their own login.</param>
/// <param name="AppliesTo">Targets the action exists for (Roles only for customers with a login).</param>
/// <param name="Covers">The editor tab or bulk job kind the action belongs to, so a new one without a row fails.</param>
public sealed record StaffAction(
    string Name,
    Permission Needs,
    Func<MatrixCell, Task<HttpResponseMessage>> Act,
    string Covers,
    bool SeparatedDuty = false,
    bool DeletesLogin = false,
    Func<TargetKind, bool>? AppliesTo = null)
{
    public bool Applies(TargetKind target) => AppliesTo?.Invoke(target) ?? true;

    public override string ToString() => Name;
}

/// <summary>The actor's signed-in client and the customer acted on.</summary>
public sealed record MatrixCell(StaffMatrixSite Site, SiteClient Client, int CustomerId, string? UserId, string Email);

/// <summary>
/// The rule, written once: staff act only on people below them. An action needs its permission;
/// a customer whose login holds roles may be touched only by someone who could grant every one of
/// those roles (only Administrators touch Administrators); nobody changes their own roles,
/// memberships or credit, or deletes their own login.
/// </summary>
public static class StaffRule
{
    public static bool Allows(MatrixActor actor, TargetKind target, StaffAction action)
    {
        if (!actor.HasPermission(action.Needs))
        {
            return false;
        }

        if (target == TargetKind.Self && (action.SeparatedDuty || action.DeletesLogin))
        {
            return false;
        }

        return target switch
        {
            TargetKind.StaffLogin => StaffMatrixSite.CustomerServicePermissions.All(actor.HasPermission),
            TargetKind.AdministratorLogin => actor.IsAdministrator,
            _ => true,
        };
    }
}

/// <summary>A demo site with one actor per single permission, the Customer Service role and an Administrator.</summary>
public sealed class StaffMatrixSite : IAsyncLifetime
{
    public const string Password = "Matrix-Passw0rd!";
    public const string NoPermissionRole = "Newsletter";
    public const string StaffRole = "Customer Service";
    private readonly Dictionary<string, SiteClient> _clients = [];
    private int _sequence;

    public static IReadOnlyList<Permission> CustomerServicePermissions =>
        [Permissions.ViewCustomers, Permissions.ManageCustomers, Permissions.ManageCustomerLogins, .. Permissions.All.Where(p => p.Name == "ManageCustomerCredit")];

    public TestSite Site { get; private set; } = null!;

    public static IReadOnlyList<MatrixActor> Actors { get; } =
    [
        .. Permissions.All.Select(permission => new MatrixActor("Only " + permission.Name, [permission], IsAdministrator: false)),
        new MatrixActor(StaffRole, CustomerServicePermissions, IsAdministrator: false),
        new MatrixActor(Permissions.AdministratorRole, [], IsAdministrator: true),
    ];

    public async Task InitializeAsync()
    {
        Site = await TestSite.StartAsync(new TestSiteOptions
        {
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Accounts:RequestsPerMinutePerIp"] = "1000000" },
        });
        await Site.WithDbAsync(async (_, services) =>
        {
            var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
            Assert.True((await roles.CreateAsync(new IdentityRole(NoPermissionRole))).Succeeded);
            foreach (var permission in Permissions.All)
            {
                var role = new IdentityRole(RoleOf(permission));
                Assert.True((await roles.CreateAsync(role)).Succeeded);
                Assert.True((await roles.AddClaimAsync(role, new Claim(Permissions.ClaimType, permission.Name))).Succeeded);
            }

            // The demo recipe's Customer Service role carries the permissions the rule above expects.
            var service = (await roles.FindByNameAsync(StaffRole))!;
            var held = (await roles.GetClaimsAsync(service)).Select(claim => claim.Value).ToHashSet();
            foreach (var missing in CustomerServicePermissions.Where(permission => !held.Contains(permission.Name)))
            {
                Assert.True((await roles.AddClaimAsync(service, new Claim(Permissions.ClaimType, missing.Name))).Succeeded);
            }

            return true;
        });
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await Site.DisposeAsync();
    }

    public static string RoleOf(Permission permission) => "Only " + permission.Name;

    /// <summary>The actor's long-lived client (for targets other than themselves).</summary>
    public async Task<SiteClient> ClientAsync(MatrixActor actor)
    {
        if (!_clients.TryGetValue(actor.Name, out var client))
        {
            client = Site.CreateSiteClient();
            if (actor.IsAdministrator)
            {
                await client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
            }
            else
            {
                var (_, _, email) = await CreateTargetAsync(RolesOf(actor), withPassword: true);
                await client.SignInAsync(email, Password);
            }

            _clients[actor.Name] = client;
        }

        return client;
    }

    /// <summary>A fresh customer of the given kind; for <see cref="TargetKind.Self"/> a fresh actor signed in on a new client.</summary>
    public async Task<MatrixCell> CellAsync(MatrixActor actor, TargetKind target)
    {
        if (target == TargetKind.Self)
        {
            var roles = actor.IsAdministrator ? [Permissions.AdministratorRole] : RolesOf(actor);
            var (id, userId, email) = await CreateTargetAsync(roles, withPassword: true);
            var client = Site.CreateSiteClient();
            await client.SignInAsync(email, Password);
            return new MatrixCell(this, client, id, userId, email);
        }

        var (customerId, targetUserId, targetEmail) = target switch
        {
            TargetKind.NoLogin => await CreateTargetAsync(roles: null, withPassword: false),
            TargetKind.CustomerLogin => await CreateTargetAsync([], withPassword: false),
            TargetKind.StaffLogin => await CreateTargetAsync([StaffRole], withPassword: false),
            _ => await CreateTargetAsync([Permissions.AdministratorRole], withPassword: false),
        };
        return new MatrixCell(this, await ClientAsync(actor), customerId, targetUserId, targetEmail);
    }

    private static IReadOnlyList<string> RolesOf(MatrixActor actor) =>
        actor.Name == StaffRole ? [StaffRole] : actor.Holds.Select(RoleOf).ToList();

    /// <summary>A customer record, with a login holding <paramref name="roles"/> unless they are null.</summary>
    private async Task<(int Id, string? UserId, string Email)> CreateTargetAsync(IReadOnlyList<string>? roles, bool withPassword)
    {
        var target = await Site.WithDbAsync(async (db, services) =>
        {
            var email = $"target{Interlocked.Increment(ref _sequence)}@matrix.example";
            string? userId = null;
            if (roles is not null)
            {
                var users = services.GetRequiredService<UserManager<ShopUser>>();
                var user = new ShopUser { UserName = email, Email = email, EmailConfirmed = true };
                Assert.True((withPassword ? await users.CreateAsync(user, Password) : await users.CreateAsync(user)).Succeeded);
                if (roles.Count > 0)
                {
                    Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
                }

                userId = user.Id;
            }

            var customer = new Customer { FirstName = "Tess", LastName = "Target", Email = email, UserId = userId, CreatedUtc = DateTime.UtcNow };
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return (Id: customer.Id, UserId: userId, Email: email);
        });
        await SentNotificationAsync(target.Id, target.Email);
        return target;
    }

    /// <summary>Everything an action could change about a customer and their login, as one comparable string.</summary>
    public Task<string> FingerprintAsync(MatrixCell cell) =>
        Site.WithDbAsync(async db =>
        {
            var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cell.CustomerId);
            var user = cell.UserId is null ? null : await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == cell.UserId);
            var userId = customer?.UserId ?? cell.UserId;
            var roles = userId is null ? [] : await (
                from link in db.UserRoles
                join role in db.Roles on link.RoleId equals role.Id
                where link.UserId == userId
                orderby role.Name
                select role.Name).ToListAsync();
            var counts = string.Join(",",
                await db.CustomerAddresses.CountAsync(a => a.CustomerId == cell.CustomerId),
                await db.CreditEntries.CountAsync(e => e.CustomerId == cell.CustomerId),
                await db.CustomerMemberships.CountAsync(m => m.CustomerId == cell.CustomerId),
                await db.Notifications.CountAsync(n => n.CustomerId == cell.CustomerId));
            return string.Join("|",
                customer is null ? "no customer" : $"{customer.Email};{customer.FirstName};{customer.UserId}",
                user is null ? "no user" : $"{user.Email};{user.UserName};{user.PasswordHash};{user.SecurityStamp};{user.ConcurrencyStamp};{user.DisabledUtc:O}",
                userId is null ? "" : string.Join(",", roles),
                counts);
        });

    public Task<Guid> LatestNotificationAsync(MatrixCell cell) =>
        Site.WithDbAsync(db => db.Notifications.Where(n => n.CustomerId == cell.CustomerId).OrderByDescending(n => n.CreatedUtc).Select(n => n.Id).FirstAsync());

    /// <summary>A delivered message to the customer, without a secret, so it may be resent.</summary>
    private Task<Guid> SentNotificationAsync(int customerId, string email) =>
        Site.WithDbAsync(async db =>
        {
            var notification = new Notification
            {
                MessageId = $"<{Guid.NewGuid():N}@matrix.example>",
                CustomerId = customerId,
                Template = "Welcome",
                RecipientEmail = email,
                Subject = "Welcome",
                Status = NotificationStatus.Sent,
                CreatedUtc = DateTime.UtcNow,
                NextAttemptUtc = DateTime.UtcNow,
                SentUtc = DateTime.UtcNow,
            };
            db.Notifications.Add(notification);
            await db.SaveChangesAsync();
            return notification.Id;
        });

    /// <summary>Follows a bulk job to its end, as its page does, for the job's own creator.</summary>
    public async Task WaitForJobAsync(long jobId)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!await Site.WithDbAsync(db => db.BulkJobs.AnyAsync(job => job.Id == jobId && job.FinishedUtc != null)))
        {
            Assert.True(DateTime.UtcNow < deadline, $"Bulk job {jobId} did not finish.");
            await Task.Delay(50);
        }
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Any signed-in page's antiforgery token serves every form of the same user.</summary>
    public const string TokenPage = "/account/change-password";

    public static Task<HttpResponseMessage> Post(MatrixCell cell, string url, params (string Name, string Value)[] fields) =>
        cell.Client.PostFormAsync(TokenPage, fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value)), url);
}

/// <summary>Every staff action on a customer, with the form a browser posts.</summary>
public static class StaffActions
{
    private static bool HasLogin(TargetKind target) => target != TargetKind.NoLogin;

    public static IReadOnlyList<StaffAction> All { get; } =
    [
        new("General: change the email", Permissions.ManageCustomers, cell => StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/general",
            ("FirstName", "Tess"), ("LastName", "Target"), ("Email", "moved-" + cell.Email)), Covers: "general"),
        new("Addresses: add an address", Permissions.ManageCustomers, cell => StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/addresses",
            ("Action", "save"), ("Name", "Home"), ("Recipient", "Tess Target"), ("Line1", "1 Main St"), ("City", "Springfield"), ("PostalCode", "12345"), ("Country", "US")), Covers: "addresses"),
        new("Login details: create login", Permissions.ManageCustomerLogins, cell => StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/login-details",
            ("Action", "create")), Covers: "login-details", AppliesTo: target => !HasLogin(target)),
        new("Login details: save a password", Permissions.ManageCustomerLogins, cell => StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/login-details",
            ("Action", "save"), ("Password", "Chosen-By-Staff-42!x"), ("ConfirmPassword", "Chosen-By-Staff-42!x")), Covers: "login-details", AppliesTo: HasLogin),
        new("Login details: generate a password", Permissions.ManageCustomerLogins, cell => StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/login-details",
            ("Action", "generate")), Covers: "login-details", AppliesTo: HasLogin),
        new("Login details: disable the login", Permissions.ManageCustomerLogins, cell => StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/login-details",
            ("Action", "disable"), ("DisableReason", "Matrix")), Covers: "login-details", SeparatedDuty: true, AppliesTo: HasLogin),
        new("Login details: sign out everywhere", Permissions.ManageCustomerLogins, cell => StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/login-details",
            ("Action", "sign-out")), Covers: "login-details", AppliesTo: HasLogin),
        new("Login details: reset two-factor", Permissions.ManageCustomerLogins, ResetTwoFactorAsync, Covers: "login-details", SeparatedDuty: true, AppliesTo: HasLogin),
        new("Roles: add a role without permissions", Permissions.ManageCustomerLogins, RolesAsync, Covers: "roles", SeparatedDuty: true, AppliesTo: HasLogin),
        new("Membership: grant a role without permissions", Permissions.ManageCustomerLogins, cell => StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/membership",
            ("Action", "grant"), ("Role", StaffMatrixSite.NoPermissionRole),
            ("ValidFrom", DateTime.UtcNow.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("ValidTo", DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            Covers: "membership", SeparatedDuty: true, AppliesTo: HasLogin),
        new("Credit: add 500 USD", CreditPermission, cell => StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/credit",
            ("Amount", "500"), ("Currency", "USD"), ("Description", "Matrix")), Covers: "credit", SeparatedDuty: true, AppliesTo: HasLogin),
        new("Delete the customer and the login", Permissions.ManageCustomers, cell => StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/delete",
            ("deleteLogin", "true")), Covers: "delete", DeletesLogin: true),
        new("Bulk: delete with logins", Permissions.ManageCustomers, cell => BulkAsync(cell, "delete", deleteLogins: true), Covers: nameof(BulkJobKind.Delete), DeletesLogin: true),
        new("Bulk: create logins", Permissions.ManageCustomerLogins, cell => BulkAsync(cell, "create-logins", deleteLogins: false), Covers: nameof(BulkJobKind.CreateLogins), AppliesTo: target => !HasLogin(target)),
        new("Bulk: disable logins", Permissions.ManageCustomerLogins, cell => BulkAsync(cell, "disable-logins", deleteLogins: false, ("Reason", "Matrix")), Covers: nameof(BulkJobKind.DisableLogins), SeparatedDuty: true, AppliesTo: HasLogin),
        new("Bulk: enable logins", Permissions.ManageCustomerLogins, EnableDisabledLoginAsync, Covers: nameof(BulkJobKind.EnableLogins), SeparatedDuty: true,
            // A disabled login has no session to enable itself from.
            AppliesTo: target => HasLogin(target) && target != TargetKind.Self),
        new("Notifications: resend a message", Permissions.ManageCustomerLogins, async cell =>
            await StaffMatrixSite.Post(cell, $"/admin/notifications/{await cell.Site.LatestNotificationAsync(cell)}/resend"), Covers: "resend"),
    ];

    /// <summary>Store credit has its own permission once it exists; until then Manage customers.</summary>
    public static Permission CreditPermission => Permissions.Find("ManageCustomerCredit") ?? Permissions.ManageCustomers;

    private static async Task<HttpResponseMessage> RolesAsync(MatrixCell cell)
    {
        var current = await cell.Site.Site.WithDbAsync(db => (
            from link in db.UserRoles
            join role in db.Roles on link.RoleId equals role.Id
            where link.UserId == cell.UserId
            select role.Name!).ToListAsync());
        var fields = current.Append(StaffMatrixSite.NoPermissionRole).Select(role => ("Roles", role)).ToArray();
        return await StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/roles", fields);
    }

    // Two-factor is turned on behind the site's back first and off again after: what remains is
    // only what the reset itself did (a new key and security stamp).
    private static async Task<HttpResponseMessage> ResetTwoFactorAsync(MatrixCell cell)
    {
        await cell.Site.Site.WithDbAsync(db => db.Users.Where(u => u.Id == cell.UserId).ExecuteUpdateAsync(set => set.SetProperty(u => u.TwoFactorEnabled, true)));
        var response = await StaffMatrixSite.Post(cell, $"/admin/customers/{cell.CustomerId}/login-details", ("Action", "reset-two-factor"));
        await cell.Site.Site.WithDbAsync(db => db.Users.Where(u => u.Id == cell.UserId).ExecuteUpdateAsync(set => set.SetProperty(u => u.TwoFactorEnabled, false)));
        return response;
    }

    // The login is disabled behind the site's back first, and whatever the job leaves of that is put
    // back after it: what remains is only what the job itself did (Identity's update of the user).
    private static async Task<HttpResponseMessage> EnableDisabledLoginAsync(MatrixCell cell)
    {
        await cell.Site.Site.WithDbAsync(db => db.Users.Where(u => u.Id == cell.UserId).ExecuteUpdateAsync(set => set.SetProperty(u => u.DisabledUtc, DateTime.UtcNow)));
        var response = await BulkAsync(cell, "enable-logins", deleteLogins: false);
        await cell.Site.Site.WithDbAsync(db => db.Users.Where(u => u.Id == cell.UserId).ExecuteUpdateAsync(set => set.SetProperty(u => u.DisabledUtc, (DateTime?)null)));
        return response;
    }

    private static async Task<HttpResponseMessage> BulkAsync(MatrixCell cell, string action, bool deleteLogins, params (string, string)[] more)
    {
        var response = await StaffMatrixSite.Post(cell, "/admin/customers/bulk/start",
            [("Action", action), ("Scope", "selected"), ("Ids", StaffMatrixSite.Id(cell.CustomerId)), ("DeleteLogins", deleteLogins ? "true" : "false"), .. more]);
        if (response.StatusCode == HttpStatusCode.Redirect && Html.RedirectPath(response).Split('/')[^1] is var last && long.TryParse(last, out var jobId))
        {
            await cell.Site.WaitForJobAsync(jobId);
        }

        return response;
    }
}
