using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Whether a customer's login may be used: staff disable it (with a reason) and enable it again,
/// or end all of its sessions. Disabling renews the security stamp, so every session ends on its
/// next request (SessionValidator); sign-in by any method asks <see cref="ShopSignInManager"/>,
/// which refuses a disabled login. Each action is written to the login history. The caller (the
/// Login details tab) has already asked the staff boundary whether the actor may act on this login.
/// </summary>
public sealed class LoginAccessService(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    AuthenticatorService authenticator,
    PasskeyService passkeys,
    TimeProvider clock,
    IStringLocalizer<LoginAccessService> S)
{
    public const string ReasonField = "DisableReason";

    public async Task<LoginActionResult> DisableAsync(Customer customer, string? reason, LoginActor actor, CancellationToken cancellationToken = default)
    {
        reason = reason?.Trim();
        if (await UserOfAsync(customer) is not { } user)
        {
            return LoginActionResult.Failed("", S["The customer has no login to disable."]);
        }

        if (user.Id == actor.UserId)
        {
            return LoginActionResult.Failed("", S["This is your own login: another administrator must disable it."]);
        }

        if (user.IsDisabled)
        {
            return LoginActionResult.Failed("", S["The login is already disabled."]);
        }

        if (ReasonProblem(reason) is { } problem)
        {
            return LoginActionResult.Failed(ReasonField, problem);
        }

        user.DisabledUtc = clock.GetUtcNow().UtcDateTime;
        user.DisabledReason = reason!;
        user.DisabledBy = actor.Name;
        // A new stamp ends every session of the login at its next request.
        var updated = await users.UpdateSecurityStampAsync(user);
        if (!updated.Succeeded)
        {
            return LoginActionResult.Failed("", S["Someone else changed this login meanwhile, so nothing was saved. Try again."]);
        }

        Audit(customer, user, LoginAuditAction.LoginDisabled, actor, reason);
        await db.SaveChangesAsync(cancellationToken);
        return new LoginActionResult([], S["The login of {0} was disabled; its sessions have ended.", customer.Email ?? customer.DisplayName]);
    }

    public async Task<LoginActionResult> EnableAsync(Customer customer, LoginActor actor, CancellationToken cancellationToken = default)
    {
        if (await UserOfAsync(customer) is not { } user)
        {
            return LoginActionResult.Failed("", S["The customer has no login."]);
        }

        if (!user.IsDisabled)
        {
            return LoginActionResult.Failed("", S["The login is not disabled."]);
        }

        user.DisabledUtc = null;
        user.DisabledReason = null;
        user.DisabledBy = null;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded)
        {
            return LoginActionResult.Failed("", S["Someone else changed this login meanwhile, so nothing was saved. Try again."]);
        }

        Audit(customer, user, LoginAuditAction.LoginEnabled, actor, null);
        await db.SaveChangesAsync(cancellationToken);
        return new LoginActionResult([], S["The login of {0} was enabled.", customer.Email ?? customer.DisplayName]);
    }

    public async Task<LoginActionResult> SignOutEverywhereAsync(Customer customer, LoginActor actor, CancellationToken cancellationToken = default)
    {
        if (await UserOfAsync(customer) is not { } user)
        {
            return LoginActionResult.Failed("", S["The customer has no login."]);
        }

        return await EndSessionsAsync(user, customer, actor, cancellationToken)
            ? new LoginActionResult([], S["Every session of {0} has ended.", customer.Email ?? customer.DisplayName])
            : LoginActionResult.Failed("", S["Someone else changed this login meanwhile, so nothing was saved. Try again."]);
    }

    /// <summary>
    /// Resets two-factor sign-in for a customer who lost their phone: the authenticator is turned
    /// off and every passkey removed, the sessions end, the history says so and the owner is emailed.
    /// </summary>
    public async Task<LoginActionResult> ResetTwoFactorAsync(Customer customer, LoginActor actor, CancellationToken cancellationToken = default)
    {
        if (await UserOfAsync(customer) is not { } user)
        {
            return LoginActionResult.Failed("", S["The customer has no login."]);
        }

        if (user.Id == actor.UserId)
        {
            return LoginActionResult.Failed("", S["This is your own login: change its sign-in methods on your Security page."]);
        }

        if (!user.TwoFactorEnabled && await passkeys.CountAsync(user) == 0)
        {
            return LoginActionResult.Failed("", S["The login has no authenticator app and no passkey to reset."]);
        }

        return await authenticator.ResetAsync(user, actor, cancellationToken)
            ? new LoginActionResult([], S["Two-factor sign-in of {0} was reset: the authenticator app is off and the passkeys are removed. They sign in with their password and may set up again.", customer.Email ?? customer.DisplayName])
            : LoginActionResult.Failed("", S["Someone else changed this login meanwhile, so nothing was saved. Try again."]);
    }

    /// <summary>
    /// Ends every session of the login (a new security stamp) and writes it to the customer's
    /// history when the login belongs to one. Staff on the tab and a person on their own Security page
    /// both come here; false if the login changed meanwhile.
    /// </summary>
    public async Task<bool> EndSessionsAsync(ShopUser user, Customer? customer, LoginActor actor, CancellationToken cancellationToken = default)
    {
        if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
        {
            return false;
        }

        customer ??= await db.Customers.FirstOrDefaultAsync(c => c.UserId == user.Id, cancellationToken);
        if (customer is not null)
        {
            Audit(customer, user, LoginAuditAction.SignedOutEverywhere, actor, null);
            await db.SaveChangesAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>What is wrong with a reason for disabling, or null; the tab and the bulk action ask the same.</summary>
    public string? ReasonProblem(string? reason)
    {
        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason))
        {
            return S["Say why the login is disabled; other staff read it in the login history."];
        }

        if (reason.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')))
        {
            return S["The reason holds characters that cannot be shown; type it again."];
        }

        return reason.Length > ShopUser.DisabledReasonMaxLength ? S["Keep the reason within {0} characters.", ShopUser.DisabledReasonMaxLength].Value : null;
    }

    private async Task<ShopUser?> UserOfAsync(Customer customer) =>
        customer.UserId is null ? null : await users.FindByIdAsync(customer.UserId);

    private void Audit(Customer customer, ShopUser user, LoginAuditAction action, LoginActor actor, string? details) =>
        db.LoginAudits.Add(actor.AuditRow(customer, user, action, clock.GetUtcNow().UtcDateTime, details));
}
