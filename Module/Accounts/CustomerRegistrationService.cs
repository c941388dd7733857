using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using static Commerce.Customers.Localization.DeferredText;

namespace Commerce.Customers.Accounts;

/// <summary>What a visitor types to register.</summary>
public sealed record RegistrationRequest(string? Email, string? FirstName, string? LastName, string? Company, string? Password, string? ConfirmPassword);

/// <summary>
/// The outcome of a registration: errors by field, or success. <see cref="SignInUser"/> is set only
/// when a new account may sign in at once; otherwise the visitor is told to check their email, which
/// is also all they are told when the address already has an account.
/// </summary>
public sealed record RegistrationResult(ShopUser? SignInUser, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Self-registration. A new account always gets a customer record of its own: an older record with
/// the same email (a guest's orders, say) joins it only once the link emailed to that address is
/// followed (<see cref="EmailConfirmationService"/>). An address that already has a login gets a
/// notice, and the visitor the same answer as for a new one. User, customer, audit and email are
/// written in one transaction.
/// </summary>
public sealed class CustomerRegistrationService(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    CustomerValidator validator,
    MailboxConfirmation mailbox,
    CustomerAccountSettingsStore settings,
    TimeProvider clock,
    IStringLocalizer<CustomerRegistrationService> S)
{
    /// <summary>
    /// Gives a new customer record a self-registered login with the password they chose, links it,
    /// audits it and emails the confirmation link, in the caller's transaction. Used by the Register
    /// page and by "choose a password" at checkout.
    /// </summary>
    /// <returns>The login, and whether it may sign in now; or errors by field, none if another login took the email meanwhile.</returns>
    public async Task<(ShopUser? User, bool MaySignIn, IReadOnlyList<FieldError> Errors)> CreateOwnLoginAsync(Customer customer, string password, string? details, CancellationToken cancellationToken = default)
    {
        var user = new ShopUser { UserName = customer.Email, Email = customer.Email, RegisteredThemselves = true };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // A name taken meanwhile is left out: the caller answers as for any taken address, which says nothing.
            return (null, false, created.Errors
                .Where(error => error.Code is not (nameof(IdentityErrorDescriber.DuplicateUserName) or nameof(IdentityErrorDescriber.DuplicateEmail)))
                .Select(error => new FieldError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? CustomerLoginService.PasswordField : nameof(RegistrationRequest.Email), error.Description))
                .ToList());
        }

        customer.UserId = user.Id;
        var notification = await mailbox.SendLinkAsync(user, customer, cancellationToken);
        db.LoginAudits.Add(new LoginAudit
        {
            CustomerId = customer.Id,
            UserId = user.Id,
            Action = LoginAuditAction.RegisteredThemselves,
            ActorUserId = user.Id,
            ActorName = customer.Email ?? "",
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            NotificationId = notification.Id,
            Details = details,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (user, !(await settings.GetAsync(cancellationToken)).RequireEmailConfirmation, []);
    }

    public async Task<RegistrationResult> RegisterAsync(RegistrationRequest request, CancellationToken cancellationToken = default)
    {
        var errors = validator.Validate(new CustomerFields(request.Company, request.FirstName, request.LastName, request.Email, null)).ToList();
        var email = request.Email?.Trim();
        if (string.IsNullOrEmpty(email))
        {
            errors.Add(new(nameof(RegistrationRequest.Email), S["Enter your email: it will be your user name."]));
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors.Add(new(CustomerLoginService.PasswordField, S["Choose a password."]));
        }
        else if (!string.Equals(request.Password, request.ConfirmPassword, StringComparison.Ordinal))
        {
            errors.Add(new(CustomerLoginService.ConfirmPasswordField, S["The passwords do not match."]));
        }

        if (errors.Count == 0)
        {
            // Judged before anyone looks for the address, so a weak password is refused alike for a
            // new and a taken one, and the answer never tells them apart.
            errors.AddRange(await PasswordErrorsAsync(email!, request.Password!));
        }

        if (errors.Count > 0)
        {
            return new RegistrationResult(null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if ((await users.FindByEmailAsync(email!) ?? await users.FindByNameAsync(email!)) is { } existing)
        {
            // The visitor hears what a new registration hears; the owner hears about it.
            await mailbox.TellOwnerOfAttemptAsync(existing, L["On the Register page."], cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RegistrationResult(null, []);
        }

        var customer = new Customer { Email = email, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        customer.CompleteWith(request.FirstName, request.LastName, request.Company, phone: null);
        db.Customers.Add(customer);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            var (user, maySignIn, loginErrors) = await CreateOwnLoginAsync(customer, request.Password!, null, cancellationToken);
            if (user is null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return new RegistrationResult(null, loginErrors);
            }

            await transaction.CommitAsync(cancellationToken);
            return new RegistrationResult(maySignIn ? user : null, []);
        }
        catch (DbUpdateException)
        {
            // Two registrations for one email at once: the unique user name index lets one through,
            // and the other is answered as any registration of a taken address is.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return new RegistrationResult(null, []);
        }
    }

    /// <summary>What Identity's password validators (strength included) say about a password for a new login with this email.</summary>
    public async Task<IReadOnlyList<FieldError>> PasswordErrorsAsync(string email, string password)
    {
        var candidate = new ShopUser { UserName = email, Email = email };
        var errors = new List<FieldError>();
        foreach (var passwordValidator in users.PasswordValidators)
        {
            var result = await passwordValidator.ValidateAsync(users, candidate, password);
            errors.AddRange(result.Errors.Select(error => new FieldError(CustomerLoginService.PasswordField, error.Description)));
        }

        return errors;
    }
}
