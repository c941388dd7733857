using System.Security.Claims;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Security;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Accounts;

/// <summary>Who performed a login action, for the audit trail.</summary>
public sealed record LoginActor(string? UserId, string Name)
{
    /// <summary>The signed-in user of a request (staff on the admin side), as the audit trail names them.</summary>
    public static LoginActor Of(ClaimsPrincipal? user) =>
        new(user?.FindFirstValue(ClaimTypes.NameIdentifier), user?.Identity?.Name ?? "unknown");

    /// <summary>A login-history row of this actor's action on the customer's login.</summary>
    public LoginAudit AuditRow(Customer customer, ShopUser user, LoginAuditAction action, DateTime nowUtc, string? details, Guid? notificationId = null) => new()
    {
        CustomerId = customer.Id,
        UserId = user.Id,
        Action = action,
        ActorUserId = UserId,
        ActorName = Name,
        CreatedUtc = nowUtc,
        NotificationId = notificationId,
        Details = details,
    };
}

/// <summary>The outcome of a login action; errors name the field they concern ("" for the whole form).</summary>
public sealed record LoginActionResult(IReadOnlyList<FieldError> Errors, string? Message = null)
{
    public bool Succeeded => Errors.Count == 0;

    public static LoginActionResult Failed(string field, string message) => new([new FieldError(field, message)]);
}

/// <summary>
/// The costly part of creating a login, worked out before any write: the generated password
/// (null when the site emails a set-password link instead) and its Identity hash.
/// </summary>
public sealed record PreparedLogin(string? Password, string? PasswordHash, IReadOnlyList<FieldError> Errors);

/// <summary>
/// The Login details flows: create a login, generate a password, set a typed one. Each writes the
/// user, the customer link, the outbox email and the audit row through the caller's DbContext:
/// call it inside a transaction and commit only when it succeeds, so all of it lands or none does.
/// </summary>
public sealed class CustomerLoginService(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    PasswordGenerator generator,
    PasswordStrengthEstimator estimator,
    ICustomerNotifications notifications,
    CustomerAccountSettingsStore settings,
    SiteUrls urls,
    TimeProvider clock,
    IStringLocalizer<CustomerLoginService> S,
    ILogger<CustomerLoginService> logger)
{
    public const string EmailField = "Email";
    public const string PasswordField = "Password";
    public const string ConfirmPasswordField = "ConfirmPassword";

    /// <summary>
    /// Generates, checks and hashes the password a new login will get. This is nearly all the
    /// cost of Create login, and it writes nothing, so bulk jobs run it before their transaction:
    /// on SQLite the database's single write lock is then held for milliseconds, not for the hash.
    /// </summary>
    public async Task<PreparedLogin> PrepareLoginAsync(Customer customer, CancellationToken cancellationToken = default)
    {
        if ((await settings.GetAsync(cancellationToken)).NotificationMode != PasswordNotificationMode.EmailPassword)
        {
            return new PreparedLogin(null, null, []);
        }

        var email = customer.Email?.Trim();
        var user = new ShopUser { UserName = email, Email = email };
        // Generated against exactly the inputs the strength validator would use, so that
        // validator's zxcvbn run (tens of milliseconds) need not be repeated; Identity's own rules still run.
        var password = await GenerateAsync(MinimumStrengthPasswordValidator.LoginInputs(email, email, customer.FirstName, customer.LastName, customer.Company, customer.Email), cancellationToken);
        var errors = new List<IdentityError>();
        foreach (var validator in users.PasswordValidators.Where(validator => validator is not MinimumStrengthPasswordValidator))
        {
            errors.AddRange((await validator.ValidateAsync(users, user, password)).Errors);
        }

        return errors.Count > 0
            ? new PreparedLogin(null, null, MapErrors(IdentityResult.Failed([.. errors]), user.Email))
            : new PreparedLogin(password, users.PasswordHasher.HashPassword(user, password), []);
    }

    /// <param name="prepared">From <see cref="PrepareLoginAsync"/>; prepared here if null.</param>
    public async Task<LoginActionResult> CreateLoginAsync(Customer customer, LoginActor actor, PreparedLogin? prepared = null, CancellationToken cancellationToken = default)
    {
        var email = customer.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            return LoginActionResult.Failed(EmailField, S["The customer has no email, which would be their user name. Enter one on the General tab first."]);
        }

        if (!CustomerValidator.IsValidEmail(email))
        {
            return LoginActionResult.Failed(EmailField, S["The customer's email {0} is not a valid address. Correct it on the General tab first.", email]);
        }

        if (customer.UserId is not null)
        {
            return LoginActionResult.Failed("", S["The customer already has a login."]);
        }

        // No lookup for another login with this email here: Identity's user validator makes exactly
        // that check inside CreateAsync (and the unique index backs it), and MapErrors words it by the field.
        prepared ??= await PrepareLoginAsync(customer, cancellationToken);
        if (prepared.Errors.Count > 0)
        {
            return new LoginActionResult(prepared.Errors);
        }

        var user = new ShopUser { UserName = email, Email = email, EmailConfirmed = true, PasswordHash = prepared.PasswordHash };
        var password = prepared.Password;
        try
        {
            var created = await users.CreateAsync(user);
            if (!created.Succeeded)
            {
                return new LoginActionResult(MapErrors(created, email));
            }

            customer.UserId = user.Id;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is not DbUpdateConcurrencyException)
        {
            // The unique user name index: another request registered this email first.
            customer.UserId = null;
            logger.LogInformation("Create login for customer {CustomerId} lost a race: {Error}", customer.Id, exception.GetBaseException().Message);
            return LoginActionResult.Failed("", S["The customer became registered meanwhile, or another login took the email {0}. Reload the page.", email]);
        }

        var notification = password is null
            ? await notifications.EnqueueAsync(EmailTemplateDefinitions.SetPasswordLink, customer, email, await SetPasswordLinkAsync(user), cancellationToken)
            : await notifications.EnqueueAsync(EmailTemplateDefinitions.LoginCreated, customer, email, password, cancellationToken);
        await AuditAsync(customer, user, LoginAuditAction.LoginCreated, actor, notification, null, cancellationToken);
        return new LoginActionResult([], password is null
            ? S["A login was created for {0}. They will receive a link by email to choose their password.", email]
            : S["A login was created for {0}. They will receive their password by email.", email]);
    }

    public async Task<LoginActionResult> GeneratePasswordAsync(Customer customer, LoginActor actor, bool requireChange, CancellationToken cancellationToken = default)
    {
        var user = await RegisteredUserAsync(customer);
        if (user is null)
        {
            return LoginActionResult.Failed("", S["The customer has no login. Create one first."]);
        }

        if ((await settings.GetAsync(cancellationToken)).NotificationMode == PasswordNotificationMode.EmailSetPasswordLink)
        {
            var notification = await notifications.EnqueueAsync(EmailTemplateDefinitions.SetPasswordLink, customer, user.UserName!, await SetPasswordLinkAsync(user), cancellationToken);
            await AuditAsync(customer, user, LoginAuditAction.SetPasswordLinkSent, actor, notification, null, cancellationToken);
            return new LoginActionResult([], S["A link to choose a new password was emailed to {0}.", user.Email!]);
        }

        var password = await GenerateAsync(MinimumStrengthPasswordValidator.UserInputs(customer), cancellationToken);
        var result = await ChangePasswordAsync(user, password, requireChange);
        if (!result.Succeeded)
        {
            return result;
        }

        var sent = await notifications.EnqueueAsync(EmailTemplateDefinitions.PasswordChanged, customer, user.UserName!, password, cancellationToken);
        await AuditAsync(customer, user, LoginAuditAction.PasswordGenerated, actor, sent, RequireChangeDetail(requireChange), cancellationToken);
        return new LoginActionResult([], S["A new password was generated and emailed to {0}.", user.Email!]);
    }

    public async Task<LoginActionResult> SetPasswordAsync(Customer customer, string? password, string? confirmPassword, LoginActor actor, bool requireChange, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrEmpty(password))
        {
            return LoginActionResult.Failed(PasswordField, S["Enter the new password, or use Generate password."]);
        }

        if (!string.Equals(password, confirmPassword, StringComparison.Ordinal))
        {
            return LoginActionResult.Failed(ConfirmPasswordField, S["The passwords do not match."]);
        }

        var user = await RegisteredUserAsync(customer);
        if (user is null)
        {
            return LoginActionResult.Failed("", S["The customer has no login. Create one first."]);
        }

        var result = await ChangePasswordAsync(user, password, requireChange);
        if (!result.Succeeded)
        {
            return result;
        }

        // In link mode no password travels by email: the customer is only told that it changed.
        var emailsPasswords = (await settings.GetAsync(cancellationToken)).NotificationMode == PasswordNotificationMode.EmailPassword;
        var sent = emailsPasswords
            ? await notifications.EnqueueAsync(EmailTemplateDefinitions.PasswordChanged, customer, user.UserName!, password, cancellationToken)
            : await notifications.EnqueueAsync(EmailTemplateDefinitions.PasswordChangedNotice, customer, user.UserName!, null, cancellationToken);
        await AuditAsync(customer, user, LoginAuditAction.PasswordSet, actor, sent, RequireChangeDetail(requireChange), cancellationToken);
        return new LoginActionResult([], emailsPasswords
            ? S["The password was saved and emailed to {0}.", user.Email!]
            : S["The password was saved and {0} was told by email that it changed.", user.Email!]);
    }

    /// <summary>
    /// Resetting through a token changes the security stamp (ending the user's other sessions)
    /// and checks Identity's concurrency stamp, so of two admins acting at once one wins and
    /// the other is told, and the email that commits always holds the password in effect.
    /// </summary>
    private async Task<LoginActionResult> ChangePasswordAsync(ShopUser user, string password, bool requireChange)
    {
        user.MustChangePassword = requireChange;
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var reset = await users.ResetPasswordAsync(user, token, password);
        return reset.Succeeded ? new LoginActionResult([]) : new LoginActionResult(MapErrors(reset, user.Email));
    }

    /// <summary>A random password that also reaches the site's minimum strength against these inputs.</summary>
    private async Task<string> GenerateAsync(IReadOnlyList<string?> inputs, CancellationToken cancellationToken)
    {
        if (generator.IsStrongByConstruction)
        {
            return generator.Generate();
        }

        var minimum = (await settings.GetAsync(cancellationToken)).MinimumPasswordStrength;
        return generator.Generate(candidate => estimator.Estimate(candidate, inputs).Level >= minimum);
    }

    private async Task<string> SetPasswordLinkAsync(ShopUser user) =>
        await urls.SetPasswordLinkAsync(user.Id, await users.GeneratePasswordResetTokenAsync(user));

    private async Task<ShopUser?> RegisteredUserAsync(Customer customer) =>
        customer.UserId is null ? null : await users.FindByIdAsync(customer.UserId);

    private async Task AuditAsync(Customer customer, ShopUser user, LoginAuditAction action, LoginActor actor, Notification notification, string? details, CancellationToken cancellationToken)
    {
        db.LoginAudits.Add(actor.AuditRow(customer, user, action, clock.GetUtcNow().UtcDateTime, details, notification.Id));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? RequireChangeDetail(bool requireChange) => requireChange ? L["Must change the password at next sign-in."] : null;

    /// <summary>Like Orchard's ProcessValidationErrors: each Identity error lands next to the field it concerns.</summary>
    private List<FieldError> MapErrors(IdentityResult result, string? email) =>
        result.Errors.Select(error => error.Code switch
        {
            "DuplicateUserName" or "DuplicateEmail" => new FieldError(EmailField, S["Another login already uses the email {0}.", email ?? ""]),
            "InvalidUserName" or "InvalidEmail" => new FieldError(EmailField, error.Description),
            "ConcurrencyFailure" => new FieldError("", S["Someone else changed this login meanwhile, so nothing was saved. Try again."]),
            _ when error.Code.StartsWith("Password", StringComparison.Ordinal) => new FieldError(PasswordField, error.Description),
            _ => new FieldError("", error.Description),
        }).DistinctBy(error => (error.Field, error.Message)).ToList();
}
