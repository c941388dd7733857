using Commerce.Customers.Accounts;
using System.Security.Claims;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Security;

/// <summary>What kind of action staff take on a customer, as far as the boundary cares.</summary>
public enum StaffDuty
{
    /// <summary>Editing, passwords, emails, deleting: allowed on oneself.</summary>
    Ordinary,

    /// <summary>Roles, memberships and store credit: separation of duties, never on oneself.</summary>
    OwnAccess,
}

/// <summary>
/// Staff act only on people below them. A customer whose login holds roles may be touched only by
/// someone who could grant every one of those roles themselves (<see cref="RoleGrantPolicy"/>), so
/// only Administrators touch an Administrator; nobody changes their own roles, memberships or
/// credit. Every action on a customer asks here: editor tabs, delete, resend and each bulk item.
/// </summary>
public sealed class StaffBoundary(
    RoleGrantPolicy grantPolicy,
    UserManager<ShopUser> users,
    IUserClaimsPrincipalFactory<ShopUser> principals,
    CustomersDbContext db,
    TimeProvider clock,
    IStringLocalizer<StaffBoundary> S)
{
    /// <summary>Why <paramref name="actor"/> may not act on <paramref name="customer"/>, or null if they may.</summary>
    public Task<string?> WhyRefusedAsync(ClaimsPrincipal actor, Customer customer, StaffDuty duty = StaffDuty.Ordinary) =>
        WhyRefusedForLoginAsync(actor, customer.UserId, duty);

    /// <summary>Why <paramref name="actor"/> may not act on the login <paramref name="userId"/> (none: nothing to guard), or null if they may.</summary>
    public async Task<string?> WhyRefusedForLoginAsync(ClaimsPrincipal actor, string? userId, StaffDuty duty = StaffDuty.Ordinary)
    {
        if (userId is null || await users.FindByIdAsync(userId) is not { } login)
        {
            return null;
        }

        if (duty == StaffDuty.OwnAccess && login.Id == users.GetUserId(actor))
        {
            return S["You may not change your own roles, memberships or store credit; another administrator has to."];
        }

        foreach (var role in (await users.GetRolesAsync(login)).Order(StringComparer.Ordinal))
        {
            if (!await grantPolicy.MayGrantAsync(actor, role))
            {
                return string.Equals(role, Permissions.AdministratorRole, StringComparison.Ordinal)
                    ? S["The login {0} holds the Administrator role; only Administrators may act on it.", login.Email ?? ""]
                    : S["The login {0} holds the role {1}, which carries permissions you do not have, so you may not act on it.", login.Email ?? "", role];
            }
        }

        return null;
    }

    /// <summary>The same question for an actor known only by id, such as the admin who started a bulk job; their roles are read as they are now.</summary>
    public async Task<string?> WhyRefusedAsync(string? actorUserId, Customer customer, StaffDuty duty = StaffDuty.Ordinary)
    {
        if (customer.UserId is null)
        {
            return null;
        }

        var actor = actorUserId is null ? null : await users.FindByIdAsync(actorUserId);
        var principal = actor is null ? new ClaimsPrincipal(new ClaimsIdentity()) : await principals.CreateAsync(actor);
        return await WhyRefusedAsync(principal, customer, duty);
    }

    /// <summary>Records a refusal in the customer's login history. The caller saves it, outside any work it rolled back.</summary>
    public void AddRefusalAudit(Customer customer, LoginActor actor, string action, string reason) =>
        AddRefusalAudit(customer.Id, customer.UserId, actor, action, reason);

    public void AddRefusalAudit(int? customerId, string? userId, LoginActor actor, string action, string reason) =>
        db.LoginAudits.Add(new LoginAudit
        {
            CustomerId = customerId,
            UserId = userId,
            Action = LoginAuditAction.ActionRefused,
            ActorUserId = actor.UserId,
            ActorName = actor.Name,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Details = L["{0}: {1}", action, Truncate(reason)],
        });

    // The reason is words already (in the actor's language); the stored sentence around it must stay whole.
    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300];
}
