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

        // What the visitor typed completes the shop's record; it does not erase what the shop knew.
        customer.FirstName = string.IsNullOrWhiteSpace(request.FirstName) ? customer.FirstName : request.FirstName;
        customer.LastName = string.IsNullOrWhiteSpace(request.LastName) ? customer.LastName : request.LastName;
        customer.Company = string.IsNullOrWhiteSpace(request.Company) ? customer.Company : request.Company;

        var user = new ShopUser { UserName = email, Email = email };
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            var created = await users.CreateAsync(user, request.Password!);
            if (!created.Succeeded)
            {
                await transaction.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return new RegistrationResult(null, null, created.Errors
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
                ActorName = email!,
                CreatedUtc = clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync(cancellationToken);
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
