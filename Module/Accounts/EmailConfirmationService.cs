using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Accounts;

/// <summary>The outcome of following a confirmation link: the user to sign in, or why not.</summary>
public sealed record EmailConfirmationResult(ShopUser? User, string? Field, string? Error)
{
    public bool Succeeded => User is not null;
}

/// <summary>
/// Confirms a self-registered login's email with Identity's email-confirmation token, and only then
/// joins it with the older customer record of that address (<see cref="CustomerRecordMerge"/>).
/// The account's password is asked for too: the link proves the mailbox, the password proves that
/// the mailbox's owner is the one who registered. Without it, an attacker who registers a
/// victim's address would get the victim's history the moment the victim (or a mail scanner)
/// followed the link.
/// </summary>
public sealed class EmailConfirmationService(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    CustomerRecordMerge merge,
    TimeProvider clock,
    IStringLocalizer<EmailConfirmationService> S)
{
    public const string PasswordField = "Password";

    public async Task<EmailConfirmationResult> ConfirmAsync(string? userId, string? token, string? password, CancellationToken cancellationToken = default)
    {
        var expired = new EmailConfirmationResult(null, "", S["This link has expired or was already used."]);
        var user = string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token) ? null : await users.FindByIdAsync(userId);
        if (user is null || !user.RegisteredThemselves || user.EmailConfirmed
            || !await users.VerifyUserTokenAsync(user, users.Options.Tokens.EmailConfirmationTokenProvider, UserManager<ShopUser>.ConfirmEmailTokenPurpose, token!))
        {
            return expired;
        }

        if (await users.IsLockedOutAsync(user))
        {
            return new EmailConfirmationResult(null, "", S["Too many failed attempts. Try again in a few minutes."]);
        }

        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            // Counts toward the account's lockout, as a wrong password at sign-in does.
            await users.AccessFailedAsync(user);
            return new EmailConfirmationResult(null, PasswordField, S["The password is incorrect."]);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            var confirmed = await users.ConfirmEmailAsync(user, token!);
            if (!confirmed.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                return expired;
            }

            await RecordProvenAsync(user, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new EmailConfirmationResult(user, null, null);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The same link followed twice at once: the other request confirmed it.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return expired;
        }
    }

    /// <summary>
    /// Confirms a self-registered login whose mailbox another emailed link (a password reset) has just
    /// proven, in the caller's transaction. Without it, whoever registered someone else's address first
    /// could keep its owner out: the owner resets the password and the account is theirs.
    /// </summary>
    public async Task ConfirmProvenMailboxAsync(ShopUser user, CancellationToken cancellationToken = default)
    {
        if (!user.RegisteredThemselves || user.EmailConfirmed)
        {
            return;
        }

        user.EmailConfirmed = true;
        IdentityResults.ThrowIfFailed(await users.UpdateAsync(user), "confirm the email proven by a reset link");
        await RecordProvenAsync(user, cancellationToken);
    }

    // The confirmed login joins the older record of its address, and the history says so.
    private async Task RecordProvenAsync(ShopUser user, CancellationToken cancellationToken)
    {
        var mergedAway = await merge.MergeIntoOlderAsync(user, cancellationToken);
        var customerId = await db.Customers.Where(c => c.UserId == user.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync(cancellationToken);
        db.LoginAudits.Add(new LoginAudit
        {
            CustomerId = customerId,
            UserId = user.Id,
            Action = LoginAuditAction.EmailConfirmed,
            ActorUserId = user.Id,
            ActorName = user.UserName ?? "",
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Details = mergedAway is { } id ? L["The account's new record #{0} was joined into this one.", id] : null,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
