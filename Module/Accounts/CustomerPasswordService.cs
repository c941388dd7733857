using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Accounts;

/// <summary>
/// Passwords that users choose themselves: through a set-password link, or when told to change
/// an administrator's password at sign-in. Each change is audited and the customer is told by
/// email, in one transaction.
/// </summary>
public sealed class CustomerPasswordService(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    ICustomerNotifications notifications,
    PasswordAttempts attempts,
    EmailConfirmationService confirmation,
    TimeProvider clock,
    IStringLocalizer<CustomerPasswordService> S)
{
    public async Task<LoginActionResult> SetWithLinkAsync(string? userId, string? token, string? password, string? confirmPassword, CancellationToken cancellationToken = default)
    {
        var invalidLink = LoginActionResult.Failed("", S["This link has expired or was already used. Ask the shop to send you a new one."]);
        if (string.IsNullOrEmpty(userId) || string.IsNullOrEmpty(token))
        {
            return LoginActionResult.Failed("", S["Open this page from the link in your email."]);
        }

        if (ValidateNewPassword(password, confirmPassword) is { } problem)
        {
            return problem;
        }

        var user = await users.FindByIdAsync(userId);
        if (user is null)
        {
            return invalidLink;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.MustChangePassword = false;
        var reset = await users.ResetPasswordAsync(user, token, password!);
        if (!reset.Succeeded)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            return reset.Errors.Any(error => error.Code == "InvalidToken")
                ? invalidLink
                : new LoginActionResult(reset.Errors.Select(error => new FieldError(FieldOf(error), error.Description)).ToList());
        }

        await confirmation.ConfirmProvenMailboxAsync(user, cancellationToken);
        await RecordAsync(user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LoginActionResult([], S["Your password was set. You can sign in with it now."]);
    }

    public async Task<LoginActionResult> ChangeAsync(ShopUser user, string? currentPassword, string? password, string? confirmPassword, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(currentPassword))
        {
            return LoginActionResult.Failed("CurrentPassword", S["Enter your current password."]);
        }

        if (ValidateNewPassword(password, confirmPassword) is { } problem)
        {
            return problem;
        }

        if (string.Equals(currentPassword, password, StringComparison.Ordinal))
        {
            return LoginActionResult.Failed(CustomerLoginService.PasswordField, S["Choose a password different from the current one."]);
        }

        // Guessing the current password here is guessing at sign-in: it counts toward the same lockout.
        if (!await attempts.MayTryAsync(user))
        {
            return LoginActionResult.Failed("CurrentPassword", S["Too many wrong passwords. Try again in a few minutes."]);
        }

        var mustChange = user.MustChangePassword;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        user.MustChangePassword = false;
        var changed = await users.ChangePasswordAsync(user, currentPassword, password!);
        if (!changed.Succeeded)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            user.MustChangePassword = mustChange;
            if (changed.Errors.Any(error => error.Code == "PasswordMismatch"))
            {
                await attempts.CountWrongPasswordAsync(user);
            }

            return new LoginActionResult(changed.Errors.Select(error => new FieldError(error.Code == "PasswordMismatch" ? "CurrentPassword" : FieldOf(error), error.Description)).ToList());
        }

        await RecordAsync(user, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new LoginActionResult([], S["Your password was changed."]);
    }

    private LoginActionResult? ValidateNewPassword(string? password, string? confirmPassword)
    {
        if (string.IsNullOrEmpty(password))
        {
            return LoginActionResult.Failed(CustomerLoginService.PasswordField, S["Enter a new password."]);
        }

        return string.Equals(password, confirmPassword, StringComparison.Ordinal)
            ? null
            : LoginActionResult.Failed(CustomerLoginService.ConfirmPasswordField, S["The passwords do not match."]);
    }

    // The notice carries no password: it only tells the owner, who can react if it was not them.
    private async Task RecordAsync(ShopUser user, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.SingleOrDefaultAsync(c => c.UserId == user.Id, cancellationToken);
        Notification? notice = null;
        if (customer?.Email is not null)
        {
            notice = await notifications.EnqueueAsync(EmailTemplateDefinitions.PasswordChangedNotice, customer, user.UserName!, null, cancellationToken);
        }

        db.LoginAudits.Add(new LoginAudit
        {
            CustomerId = customer?.Id,
            UserId = user.Id,
            Action = LoginAuditAction.PasswordChosenByCustomer,
            ActorUserId = user.Id,
            ActorName = user.UserName ?? "",
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            NotificationId = notice?.Id,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string FieldOf(IdentityError error) =>
        error.Code.StartsWith("Password", StringComparison.Ordinal) ? CustomerLoginService.PasswordField : "";
}
