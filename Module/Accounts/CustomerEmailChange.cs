using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Security;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Accounts;

/// <summary>
/// A customer changes their own email (their user name) on My account, in three steps:
/// <list type="number">
/// <item>They ask, with their password (counted toward lockout). The new address gets a link made of
/// Identity's change-email token; an address that belongs to someone else gets a notice instead, and
/// the answer is the same either way, so the form reveals no accounts.</item>
/// <item>Signed in as the same login, they follow the link and press the button (a mail scanner's GET
/// changes nothing): <see cref="LoginEmailChange"/> makes the change; the old address is told.</item>
/// <item>The old address may say it was not them: every session ends and staff are told. It does not
/// give the old address the account back by itself, or whoever stole that mailbox could undo a
/// rightful change; staff decide.</item>
/// </list>
/// </summary>
public sealed class CustomerEmailChange(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    OwnerProof proofs,
    LoginEmailChange move,
    LoginAccessService access,
    ICustomerNotifications notifications,
    SiteUrls urls,
    ResetRequestLimiter limiter,
    TimeProvider clock,
    IStringLocalizer<CustomerEmailChange> S)
{
    public const string EmailField = "Email";
    public const string PasswordField = "CurrentPassword";

    // UserManager's purpose for change-email tokens (its GetChangeEmailTokenPurpose is protected).
    private const string ChangeEmailPurpose = "ChangeEmail:";

    public async Task<LoginActionResult> RequestAsync(ShopUser user, string? newEmail, string? password, CancellationToken cancellationToken = default)
    {
        var address = newEmail?.Trim();
        if (string.IsNullOrEmpty(address))
        {
            return LoginActionResult.Failed(EmailField, S["Enter the new email address."]);
        }

        if (!IsAddress(address))
        {
            return LoginActionResult.Failed(EmailField, S["Enter a valid email address, such as name@example.com."]);
        }

        if (string.Equals(users.NormalizeEmail(address), user.NormalizedEmail, StringComparison.Ordinal))
        {
            return LoginActionResult.Failed(EmailField, S["This is already your email address."]);
        }

        if (await proofs.PasswordProblemAsync(user, password) is { } problem)
        {
            return LoginActionResult.Failed(PasswordField, problem);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (taken, owner) = await InUseAsync(address, user.Id, cancellationToken);
        if (taken)
        {
            // The owner of a login is told, a few times per window at most; an address known only from
            // an order or an import (no login) is not written to.
            if (owner?.Email is not null && limiter.TryAcquire("email-change-attempt:" + Customer.Normalize(address)))
            {
                await notifications.EnqueueForLoginAsync(EmailTemplateDefinitions.EmailChangeAttempt, owner, secret: null, cancellationToken: cancellationToken);
            }
        }
        else
        {
            var token = await users.GenerateChangeEmailTokenAsync(user, address);
            var link = await urls.ChangeEmailLinkAsync(user.Id, address, token, cancellationToken);
            await notifications.EnqueueForLoginAsync(EmailTemplateDefinitions.ConfirmEmailChange, user, link, recipient: address, cancellationToken: cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LoginActionResult([], S["We sent a link to {0}. Follow it to finish the change; until then, your email stays as it is.", address]);
    }

    /// <summary>The signed-in <paramref name="user"/> (a customer's login) follows the link with <paramref name="linkUser"/>, <paramref name="newEmail"/> and <paramref name="token"/>.</summary>
    public async Task<LoginActionResult> ConfirmAsync(ShopUser user, Customer customer, string? linkUser, string? newEmail, string? token, CancellationToken cancellationToken = default)
    {
        var expired = LoginActionResult.Failed("", S["This link has expired or was already used."]);
        var address = newEmail?.Trim();
        if (string.IsNullOrEmpty(linkUser) || string.IsNullOrEmpty(address) || string.IsNullOrEmpty(token))
        {
            return LoginActionResult.Failed("", S["Open this page from the link in your email."]);
        }

        if (!string.Equals(linkUser, user.Id, StringComparison.Ordinal))
        {
            return LoginActionResult.Failed("", S["This link is for another account. Sign in with the account whose email you are changing, then follow the link again."]);
        }

        // The token first: without it, this form would tell a signed-in customer which addresses are taken.
        if (!IsAddress(address) || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.ChangeEmailTokenProvider, ChangeEmailPurpose + address, token))
        {
            return expired;
        }

        var taken = LoginActionResult.Failed("", S["Another account uses this address now, so your email was not changed."]);
        if ((await InUseAsync(address, user.Id, cancellationToken)).Taken)
        {
            return taken;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var moved = await move.MoveByLinkAsync(user, customer, address, token, cancellationToken);
            if (!moved.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return moved.Errors.Any(error => error.Code is "DuplicateEmail" or "DuplicateUserName") ? taken : expired;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException exception)
        {
            // The same link twice at once (the login's concurrency stamp), or the address taken at that moment (its unique index).
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return exception is DbUpdateConcurrencyException ? expired : taken;
        }

        return new LoginActionResult([], S["Your email address is now {0}. Sign in with it from now on.", address]);
    }

    /// <summary>The previous address says the change was not theirs: every session ends and staff are told. Nothing else changes.</summary>
    public async Task<LoginActionResult> ReportAsync(string? linkUser, string? formerEmail, string? token, CancellationToken cancellationToken = default)
    {
        var expired = LoginActionResult.Failed("", S["This link has expired or was already used."]);
        var user = string.IsNullOrEmpty(linkUser) || string.IsNullOrEmpty(formerEmail) || string.IsNullOrEmpty(token) ? null : await users.FindByIdAsync(linkUser);
        if (user is null || !await users.VerifyUserTokenAsync(user, EmailChangeReportTokenProvider.ProviderName, EmailChangeReportTokenProvider.PurposeFor(formerEmail!), token!))
        {
            return expired;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.UserId == user.Id, cancellationToken);
        var reporter = new LoginActor(null, L["(the previous email address)"]);
        if (!await EmailChangeReportTokenProvider.UseUpAsync(users, user, token!) || !await access.EndSessionsAsync(user, customer, reporter, cancellationToken))
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return expired;
        }

        var baseUrl = await urls.BaseUrlAsync(cancellationToken);
        var notice = new EmailNotice
        {
            Account = user.Email,
            FormerEmail = formerEmail,
            ReviewUrl = customer is null ? $"{baseUrl}/admin/customers" : $"{baseUrl}/admin/customers/{customer.Id}/login-details",
        };
        foreach (var staff in await StaffWhoDecideAsync(user.Id, cancellationToken))
        {
            await notifications.EnqueueForLoginAsync(EmailTemplateDefinitions.EmailChangeReported, staff, secret: null, notice, cancellationToken: cancellationToken);
        }

        db.LoginAudits.Add(new LoginAudit
        {
            CustomerId = customer?.Id,
            UserId = user.Id,
            Action = LoginAuditAction.EmailChangeReported,
            ActorName = reporter.Name,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Details = L["The owner of {0} says this change was not theirs; the staff who manage logins were told.", formerEmail!],
        });
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LoginActionResult([], S["We have signed the account out everywhere and told the shop's staff."]);
    }

    private static bool IsAddress(string address) =>
        address.Length <= Customer.EmailMaxLength && CustomerValidator.IsValidEmail(address);

    /// <summary>Whether the address is another login's (its user name or email) or another customer record's, and that login if any.</summary>
    private async Task<(bool Taken, ShopUser? Owner)> InUseAsync(string address, string userId, CancellationToken cancellationToken)
    {
        var owner = await users.FindByEmailAsync(address) ?? await users.FindByNameAsync(address);
        if (owner is not null && owner.Id != userId)
        {
            return (true, owner);
        }

        var normalized = Customer.Normalize(address);
        return (await db.Customers.AnyAsync(c => c.NormalizedEmail == normalized && c.UserId != userId, cancellationToken), null);
    }

    /// <summary>The Administrators and everyone whose role may manage customer logins, whose login works and has an address.</summary>
    private Task<List<ShopUser>> StaffWhoDecideAsync(string reportedUserId, CancellationToken cancellationToken)
    {
        var grants = Permissions.ManageCustomerLogins.NamesThatGrant().ToList();
        var administrators = users.NormalizeName(Permissions.AdministratorRole);
        var roles = db.Roles.Where(role => role.NormalizedName == administrators).Select(role => role.Id)
            .Concat(db.RoleClaims.Where(claim => claim.ClaimType == Permissions.ClaimType && grants.Contains(claim.ClaimValue!)).Select(claim => claim.RoleId));
        return db.Users
            .Where(staff => staff.Id != reportedUserId && staff.DisabledUtc == null && staff.Email != null
                && db.UserRoles.Any(membership => membership.UserId == staff.Id && roles.Contains(membership.RoleId)))
            .OrderBy(staff => staff.Email)
            .ToListAsync(cancellationToken);
    }
}
