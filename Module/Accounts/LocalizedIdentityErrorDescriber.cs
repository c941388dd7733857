using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Identity's own refusals (a password too short, an email already taken, a stale concurrency
/// stamp) in the viewer's language. The English keys are Identity's own wording, so English pages
/// read as before; the error codes stay Identity's, so code that matches on them is unaffected.
/// </summary>
public sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<LocalizedIdentityErrorDescriber> S) : IdentityErrorDescriber
{
    public override IdentityError DefaultError() => Error(base.DefaultError(), S["An unknown failure has occurred."]);

    public override IdentityError ConcurrencyFailure() => Error(base.ConcurrencyFailure(), S["Optimistic concurrency failure, object has been modified."]);

    public override IdentityError PasswordMismatch() => Error(base.PasswordMismatch(), S["Incorrect password."]);

    public override IdentityError InvalidToken() => Error(base.InvalidToken(), S["Invalid token."]);

    public override IdentityError RecoveryCodeRedemptionFailed() => Error(base.RecoveryCodeRedemptionFailed(), S["Recovery code redemption failed."]);

    public override IdentityError LoginAlreadyAssociated() => Error(base.LoginAlreadyAssociated(), S["A user with this login already exists."]);

    public override IdentityError InvalidUserName(string? userName) => Error(base.InvalidUserName(userName), S["Username '{0}' is invalid, can only contain letters or digits.", userName ?? ""]);

    public override IdentityError InvalidEmail(string? email) => Error(base.InvalidEmail(email), S["Email '{0}' is invalid.", email ?? ""]);

    public override IdentityError DuplicateUserName(string userName) => Error(base.DuplicateUserName(userName), S["Username '{0}' is already taken.", userName]);

    public override IdentityError DuplicateEmail(string email) => Error(base.DuplicateEmail(email), S["Email '{0}' is already taken.", email]);

    public override IdentityError InvalidRoleName(string? role) => Error(base.InvalidRoleName(role), S["Role name '{0}' is invalid.", role ?? ""]);

    public override IdentityError DuplicateRoleName(string role) => Error(base.DuplicateRoleName(role), S["Role name '{0}' is already taken.", role]);

    public override IdentityError UserAlreadyHasPassword() => Error(base.UserAlreadyHasPassword(), S["User already has a password set."]);

    public override IdentityError UserLockoutNotEnabled() => Error(base.UserLockoutNotEnabled(), S["Lockout is not enabled for this user."]);

    public override IdentityError UserAlreadyInRole(string role) => Error(base.UserAlreadyInRole(role), S["User already in role '{0}'.", role]);

    public override IdentityError UserNotInRole(string role) => Error(base.UserNotInRole(role), S["User is not in role '{0}'.", role]);

    public override IdentityError PasswordTooShort(int length) => Error(base.PasswordTooShort(length), S["Passwords must be at least {0} characters.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => Error(base.PasswordRequiresUniqueChars(uniqueChars), S["Passwords must use at least {0} different characters.", uniqueChars]);

    public override IdentityError PasswordRequiresNonAlphanumeric() => Error(base.PasswordRequiresNonAlphanumeric(), S["Passwords must have at least one non alphanumeric character."]);

    public override IdentityError PasswordRequiresDigit() => Error(base.PasswordRequiresDigit(), S["Passwords must have at least one digit ('0'-'9')."]);

    public override IdentityError PasswordRequiresLower() => Error(base.PasswordRequiresLower(), S["Passwords must have at least one lowercase ('a'-'z')."]);

    public override IdentityError PasswordRequiresUpper() => Error(base.PasswordRequiresUpper(), S["Passwords must have at least one uppercase ('A'-'Z')."]);

    // Keeps Identity's code, replaces only the words.
    private static IdentityError Error(IdentityError original, LocalizedString description) =>
        new() { Code = original.Code, Description = description };
}
