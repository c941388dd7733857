using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Accounts;

/// <summary>
/// A login's authenticator app and recovery codes, through Identity's own two-factor support
/// (its key, its recovery codes, its sign-in step; AuthenticatorCodes checks the codes). Turning it
/// on needs a first code from the app; turning it off or making new recovery codes needs proof that
/// the owner is present (their password or a current code), so a session left open is not enough.
/// Each change renews the security stamp, ending the login's other sessions, and is written to the
/// customer's login history.
/// </summary>
public sealed class AuthenticatorService(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    OwnerProof proofs,
    SecurityNotices notices,
    PasskeyService passkeys,
    TimeProvider clock,
    IStringLocalizer<AuthenticatorService> S)
{
    public const int RecoveryCodeCount = 10;
    public const string CodeField = "Code";

    /// <summary>The key to show while setting up: the login's pending one, else a new one.</summary>
    public async Task<string> PendingKeyAsync(ShopUser user)
    {
        if (await users.GetAuthenticatorKeyAsync(user) is { Length: > 0 } key)
        {
            return key;
        }

        // Identity renews the stamp with the key: the caller refreshes this session's cookie.
        await users.ResetAuthenticatorKeyAsync(user);
        return (await users.GetAuthenticatorKeyAsync(user))!;
    }

    /// <summary>Turns two-factor sign-in on once the app's first code matches; returns the recovery codes to show once.</summary>
    public async Task<(IReadOnlyList<string>? Codes, LoginActionResult Result)> EnableAsync(ShopUser user, string? code, LoginActor actor, CancellationToken cancellationToken = default)
    {
        if (user.TwoFactorEnabled)
        {
            return (null, LoginActionResult.Failed("", S["Two-factor sign-in is already on."]));
        }

        if (AuthenticatorCodes.Normalize(code) is null)
        {
            return (null, LoginActionResult.Failed(CodeField, S["Enter the six-digit code your app shows."]));
        }

        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code!))
        {
            return (null, LoginActionResult.Failed(CodeField, S["That code does not match. Check that the app shows this site's entry and that your phone's clock is right, then type the newest code."]));
        }

        List<string>? codes = null;
        var changed = await ChangeAsync(user, LoginAuditAction.TwoFactorEnabled, SecurityNotice.TwoFactorEnabled, actor, async () =>
            (await users.SetTwoFactorEnabledAsync(user, true)).Succeeded
            && (codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList()) is not null, cancellationToken);
        return changed
            ? (codes, new LoginActionResult([], S["Two-factor sign-in is on. Keep your recovery codes somewhere safe."]))
            : (null, ChangedMeanwhile());
    }

    /// <summary>Makes ten new recovery codes (the old ones stop working) once the owner proved they are present.</summary>
    public async Task<(IReadOnlyList<string>? Codes, LoginActionResult Result)> RegenerateCodesAsync(ShopUser user, string? proof, LoginActor actor, CancellationToken cancellationToken = default)
    {
        if (!user.TwoFactorEnabled)
        {
            return (null, LoginActionResult.Failed("", S["Two-factor sign-in is off, so there are no recovery codes."]));
        }

        if (await proofs.ProblemAsync(user, proof) is { } problem)
        {
            return (null, LoginActionResult.Failed(OwnerProof.Field, problem));
        }

        List<string>? codes = null;
        var changed = await ChangeAsync(user, LoginAuditAction.RecoveryCodesRegenerated, null, actor, async () =>
            (codes = (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))?.ToList()) is not null, cancellationToken);
        return changed
            ? (codes, new LoginActionResult([], S["New recovery codes are ready; the old ones no longer work."]))
            : (null, ChangedMeanwhile());
    }

    /// <summary>Turns two-factor sign-in off, forgetting the key and the recovery codes.</summary>
    public async Task<LoginActionResult> DisableAsync(ShopUser user, string? proof, LoginActor actor, CancellationToken cancellationToken = default)
    {
        if (!user.TwoFactorEnabled)
        {
            return LoginActionResult.Failed("", S["Two-factor sign-in is already off."]);
        }

        if (await proofs.ProblemAsync(user, proof) is { } problem)
        {
            return LoginActionResult.Failed(OwnerProof.Field, problem);
        }

        return await ChangeAsync(user, LoginAuditAction.TwoFactorDisabled, SecurityNotice.TwoFactorDisabled, actor, () => TurnOffAsync(user), cancellationToken)
            ? new LoginActionResult([], S["Two-factor sign-in is off. Your password alone signs you in now."])
            : ChangedMeanwhile();
    }

    /// <summary>
    /// Staff turn the authenticator off and remove every passkey, for an owner who lost their device:
    /// the owner signs in with their password again and sets up anew. The caller asked the staff boundary.
    /// </summary>
    public async Task<bool> ResetAsync(ShopUser user, LoginActor actor, CancellationToken cancellationToken = default) =>
        await ChangeAsync(user, LoginAuditAction.TwoFactorReset, SecurityNotice.TwoFactorReset, actor,
            async () => (!user.TwoFactorEnabled || await TurnOffAsync(user)) && await passkeys.RemoveAllAsync(user), cancellationToken);

    // A new key and no recovery codes: whoever holds the old phone or codes holds nothing.
    private async Task<bool> TurnOffAsync(ShopUser user) =>
        (await users.SetTwoFactorEnabledAsync(user, false)).Succeeded
        && (await users.ResetAuthenticatorKeyAsync(user)).Succeeded
        && await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0) is not null;

    /// <summary>Writes to the history that a recovery code signed the login in, and how many remain; returns that number.</summary>
    public async Task<int> RecordRecoveryCodeUsedAsync(ShopUser user, CancellationToken cancellationToken = default)
    {
        var left = await users.CountRecoveryCodesAsync(user);
        await RecordAsync(user, LoginAuditAction.RecoveryCodeUsed, SecurityNotice.RecoveryCodeUsed, new LoginActor(user.Id, user.UserName ?? ""),
            L["{0} recovery codes remain.", left], left.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
        return left;
    }

    public async Task<int> RecoveryCodesLeftAsync(ShopUser user) => user.TwoFactorEnabled ? await users.CountRecoveryCodesAsync(user) : 0;

    /// <summary>
    /// Makes the change, renews the stamp (ending the login's other sessions) and writes the history
    /// row in one transaction: all of it, or nothing when the login changed meanwhile.
    /// </summary>
    private async Task<bool> ChangeAsync(ShopUser user, LoginAuditAction action, SecurityNotice? notice, LoginActor actor, Func<Task<bool>> change, CancellationToken cancellationToken)
    {
        // Inside the caller's transaction when there is one (the Login details tab), else in its own.
        await using var own = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        if (!await change() || !(await users.UpdateSecurityStampAsync(user)).Succeeded)
        {
            return false;
        }

        await RecordAsync(user, action, notice, actor, details: null, noticeDetail: null, cancellationToken);
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return true;
    }

    /// <summary>The history row (for a login with a customer record) and the email to the owner, written together.</summary>
    private async Task RecordAsync(ShopUser user, LoginAuditAction action, SecurityNotice? notice, LoginActor actor, string? details, string? noticeDetail, CancellationToken cancellationToken)
    {
        if (await db.Customers.FirstOrDefaultAsync(c => c.UserId == user.Id, cancellationToken) is { } customer)
        {
            db.LoginAudits.Add(actor.AuditRow(customer, user, action, clock.GetUtcNow().UtcDateTime, details));
        }

        if (notice is { } told)
        {
            await notices.EnqueueAsync(user, told, noticeDetail, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private LoginActionResult ChangedMeanwhile() => LoginActionResult.Failed("", S["Someone else changed this login meanwhile, so nothing was saved. Try again."]);
}
