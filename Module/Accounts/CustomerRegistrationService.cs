using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Accounts;

/// <summary>What a visitor types to register.</summary>
public sealed record RegistrationRequest(string? Email, string? FirstName, string? LastName, string? Company, string? Password, string? ConfirmPassword);

/// <summary>The outcome of a registration: the user to sign in, or errors by field.</summary>
public sealed record RegistrationResult(ShopUser? User, Customer? Customer, IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Self-registration. A visitor whose email belongs to a customer the shop already has (for
/// example one created from an emailed order) becomes that customer, rather than a duplicate.
/// The user, the customer and the audit row are written in one transaction.
/// </summary>
public sealed class CustomerRegistrationService(
    CustomersDbContext db,
    UserManager<ShopUser> users,
    CustomerValidator validator,
    TimeProvider clock,
    IStringLocalizer<CustomerRegistrationService> S)
{
    /// <summary>
    /// Gives a saved customer a login with the password they chose, links it and audits it, in
    /// the caller's transaction. Used by the Register page and by "Create an account" at checkout.
    /// </summary>
    public async Task<(ShopUser? User, IReadOnlyList<FieldError> Errors)> CreateOwnLoginAsync(Customer customer, string password, string? details, CancellationToken cancellationToken = default)
    {
        var user = new ShopUser { UserName = customer.Email, Email = customer.Email };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            return (null, created.Errors
                .Select(error => new FieldError(error.Code.StartsWith("Password", StringComparison.Ordinal) ? CustomerLoginService.PasswordField : nameof(RegistrationRequest.Email), error.Description))
                .ToList());
        }

        customer.UserId = user.Id;
        db.LoginAudits.Add(new LoginAudit
        {
            CustomerId = customer.Id,
            UserId = user.Id,
            Action = LoginAuditAction.RegisteredThemselves,
            ActorUserId = user.Id,
            ActorName = customer.Email ?? "",
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
            Details = details,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (user, []);
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

        if (errors.Count > 0)
        {
            return new RegistrationResult(null, null, errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var normalized = Customer.Normalize(email);
        var customer = await db.Customers.OrderBy(c => c.Id).FirstOrDefaultAsync(c => c.NormalizedEmail == normalized, cancellationToken);
        if (customer?.UserId is not null || await users.FindByNameAsync(email!) is not null)
        {
            return new RegistrationResult(null, null, [new(nameof(RegistrationRequest.Email), S["An account already exists for {0}. Sign in, or reset your password if you forgot it.", email!])]);
        }

        if (customer is null)
        {
            customer = new Customer { Email = email, CreatedUtc = clock.GetUtcNow().UtcDateTime };
            db.Customers.Add(customer);
        }

        customer.CompleteWith(request.FirstName, request.LastName, request.Company, phone: null);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            var (user, loginErrors) = await CreateOwnLoginAsync(customer, request.Password!, null, cancellationToken);
            if (user is null)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return new RegistrationResult(null, null, loginErrors);
            }

            await transaction.CommitAsync(cancellationToken);
            return new RegistrationResult(user, customer, []);
        }
        catch (DbUpdateException)
        {
            // Two registrations for one email at once: the unique user name index lets one through.
            await transaction.RollbackAsync(CancellationToken.None);
            db.ChangeTracker.Clear();
            return new RegistrationResult(null, null, [new(nameof(RegistrationRequest.Email), S["An account already exists for {0}. Sign in, or reset your password if you forgot it.", email!])]);
        }
    }
}
