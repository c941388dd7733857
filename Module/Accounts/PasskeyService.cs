using System.Buffers.Text;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Accounts;

/// <summary>One of a login's passkeys as its owner sees it.</summary>
public sealed record PasskeySummary(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>
/// A login's passkeys, through Identity's own WebAuthn support (SignInManager makes the options,
/// checks the browser's answer and keeps the ceremony's state; UserManager stores the passkeys).
/// This class adds what a shop needs around it: a name for each, a limit, the owner's history,
/// and signing in only a login that may sign in. A passkey is a whole sign-in on its own: the
/// device and its lock (fingerprint, face or PIN, which the site requires) are two factors.
/// </summary>
public sealed class PasskeyService(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    SignInManager<ShopUser> signIn,
    OwnerProof proofs,
    SecurityNotices notices,
    TimeProvider clock,
    IStringLocalizer<PasskeyService> S)
{
    public const int NameMaxLength = 100;
    public const int MostPerLogin = 20;

    public async Task<IReadOnlyList<PasskeySummary>> ListAsync(ShopUser user) =>
        (await users.GetPasskeysAsync(user))
            .OrderBy(passkey => passkey.CreatedAt)
            .Select(passkey => new PasskeySummary(Base64Url.EncodeToString(passkey.CredentialId), passkey.Name ?? "", passkey.CreatedAt))
            .ToList();

    /// <summary>What the browser needs to make a passkey for this login (JSON for navigator.credentials.create).</summary>
    public Task<string> CreationOptionsAsync(ShopUser user) =>
        signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = user.Id,
            Name = user.UserName ?? user.Id,
            DisplayName = user.Email ?? user.UserName ?? user.Id,
        });

    /// <summary>
    /// Checks the browser's new credential against the ceremony this login started, and keeps it
    /// under the name given. A passkey opens the login for good, so adding one needs the owner's
    /// password (or a current code), not just their session.
    /// </summary>
    public async Task<LoginActionResult> AddAsync(ShopUser user, string? credentialJson, string? name, string? proof, LoginActor actor, CancellationToken cancellationToken = default)
    {
        name = name?.Trim();
        if (NameProblem(name) is { } problem)
        {
            return LoginActionResult.Failed("Name", problem);
        }

        if (await proofs.ProblemAsync(user, proof) is { } proofProblem)
        {
            return LoginActionResult.Failed(OwnerProof.Field, proofProblem);
        }

        if ((await users.GetPasskeysAsync(user)).Count >= MostPerLogin)
        {
            return LoginActionResult.Failed("", S["A login keeps at most {0} passkeys. Remove one you no longer use first.", MostPerLogin]);
        }

        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            return LoginActionResult.Failed("", S["The browser made no passkey. Try again, and allow it when the browser asks."]);
        }

        var attestation = await CeremonyAsync(() => signIn.PerformPasskeyAttestationAsync(credentialJson));
        // The ceremony's state lives in this browser's cookie; it must also be this login's.
        if (attestation is not { Succeeded: true } || attestation.UserEntity.Id != user.Id)
        {
            return LoginActionResult.Failed("", S["The passkey could not be checked. Try again, and allow it when the browser asks."]);
        }

        attestation.Passkey.Name = name;
        if (!(await users.AddOrUpdatePasskeyAsync(user, attestation.Passkey)).Succeeded)
        {
            return LoginActionResult.Failed("", S["Someone else changed this login meanwhile, so nothing was saved. Try again."]);
        }

        await AuditAsync(user, LoginAuditAction.PasskeyAdded, actor, name, cancellationToken);
        return new LoginActionResult([], S["The passkey “{0}” was added. You can sign in with it instead of your password.", name!]);
    }

    public async Task<LoginActionResult> RenameAsync(ShopUser user, string? id, string? name)
    {
        name = name?.Trim();
        if (NameProblem(name) is { } problem)
        {
            return LoginActionResult.Failed("Name", problem);
        }

        if (await FindAsync(user, id) is not { } passkey)
        {
            return LoginActionResult.Failed("", S["That passkey is not one of yours."]);
        }

        passkey.Name = name;
        return (await users.AddOrUpdatePasskeyAsync(user, passkey)).Succeeded
            ? new LoginActionResult([], S["The passkey is now called “{0}”.", name!])
            : LoginActionResult.Failed("", S["Someone else changed this login meanwhile, so nothing was saved. Try again."]);
    }

    public async Task<LoginActionResult> RemoveAsync(ShopUser user, string? id, LoginActor actor, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(user, id) is not { } passkey)
        {
            return LoginActionResult.Failed("", S["That passkey is not one of yours."]);
        }

        if (!(await users.RemovePasskeyAsync(user, passkey.CredentialId)).Succeeded)
        {
            return LoginActionResult.Failed("", S["Someone else changed this login meanwhile, so nothing was saved. Try again."]);
        }

        await AuditAsync(user, LoginAuditAction.PasskeyRemoved, actor, passkey.Name, cancellationToken);
        return new LoginActionResult([], S["The passkey “{0}” was removed; it no longer signs you in.", passkey.Name ?? ""]);
    }

    /// <summary>Removes every passkey of the login (staff resetting it for an owner who lost their device); false if the login changed meanwhile.</summary>
    public async Task<bool> RemoveAllAsync(ShopUser user)
    {
        foreach (var passkey in await users.GetPasskeysAsync(user))
        {
            if (!(await users.RemovePasskeyAsync(user, passkey.CredentialId)).Succeeded)
            {
                return false;
            }
        }

        return true;
    }

    public async Task<int> CountAsync(ShopUser user) => (await users.GetPasskeysAsync(user)).Count;

    /// <summary>What the browser needs to ask for a passkey: any of this site's (no email typed), or one of this login's.</summary>
    public Task<string> RequestOptionsAsync(ShopUser? user) => signIn.MakePasskeyRequestOptionsAsync(user);

    /// <summary>
    /// Checks the browser's answer and signs its login in, unless that login may not sign in now
    /// (disabled, locked out, email unconfirmed) or is not the one whose email was typed. The user,
    /// signed in or refused, for the history.
    /// </summary>
    public async Task<(ShopUser? User, bool SignedIn)> SignInAsync(string? credentialJson, string? typedEmail, bool remember)
    {
        if (string.IsNullOrWhiteSpace(credentialJson))
        {
            return (null, false);
        }

        var assertion = await CeremonyAsync(() => signIn.PerformPasskeyAssertionAsync(credentialJson));
        if (assertion is not { Succeeded: true })
        {
            return (null, false);
        }

        var user = assertion.User;
        var otherLogin = !string.IsNullOrWhiteSpace(typedEmail) && !string.Equals(users.NormalizeEmail(typedEmail.Trim()), user.NormalizedEmail, StringComparison.Ordinal);
        if (otherLogin || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user))
        {
            return (user, false);
        }

        // The signature count moves on with each use, which is how a cloned authenticator shows itself.
        if (!(await users.AddOrUpdatePasskeyAsync(user, assertion.Passkey)).Succeeded)
        {
            return (user, false);
        }

        await signIn.SignInWithClaimsAsync(user, remember, [new System.Security.Claims.Claim("amr", "pop")]);
        return (user, true);
    }

    public string? NameProblem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return S["Name the passkey after the device that holds it, such as “MacBook Touch ID”."];
        }

        if (name.Any(char.IsControl))
        {
            return S["The name holds characters that cannot be shown; type it again."];
        }

        return name.Length > NameMaxLength ? S["Keep the name within {0} characters.", NameMaxLength].Value : null;
    }

    /// <summary>
    /// Identity's check of a browser's answer, or null when no ceremony was started in this browser
    /// (its state cookie is missing or expired): Identity throws then, and the answer is simply refused.
    /// </summary>
    private static async Task<T?> CeremonyAsync<T>(Func<Task<T>> check) where T : class
    {
        try
        {
            return await check();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private async Task<UserPasskeyInfo?> FindAsync(ShopUser user, string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > 2048 || !Base64Url.IsValid(id))
        {
            return null;
        }

        return await users.GetPasskeyAsync(user, Base64Url.DecodeFromChars(id));
    }

    private async Task AuditAsync(ShopUser user, LoginAuditAction action, LoginActor actor, string? name, CancellationToken cancellationToken)
    {
        if (await db.Customers.FirstOrDefaultAsync(c => c.UserId == user.Id, cancellationToken) is { } customer)
        {
            db.LoginAudits.Add(actor.AuditRow(customer, user, action, clock.GetUtcNow().UtcDateTime, name));
        }

        // A new way into the login is told to its owner, in case it was not them.
        if (action == LoginAuditAction.PasskeyAdded)
        {
            await notices.EnqueueAsync(user, SecurityNotice.PasskeyAdded, name, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
