using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Recipes.Steps;

public sealed class CustomersStepModel : RecipeStepModel
{
    public List<CustomerModel> Customers { get; set; } = [];

    public sealed class CustomerModel
    {
        public string? Company { get; set; }
        public string? FirstName { get; set; }
        public string? LastName { get; set; }
        public string? Email { get; set; }
        public string? Phone { get; set; }

        /// <summary>When the customer was created; now when omitted.</summary>
        public DateTime? Created { get; set; }

        /// <summary>Give the customer a login, with a random password that is never shown.</summary>
        public bool Registered { get; set; }
    }
}

/// <summary>
/// Seeds customers. The same rules as the admin editor apply. Registered customers get a
/// login whose random password is discarded: the customer (or an admin) sets a new one later.
/// </summary>
internal sealed class CustomersStep(
    CustomersDbContext db,
    UserManager<ShopUser> userManager,
    PasswordGenerator passwordGenerator,
    CustomerValidator validator,
    TimeProvider clock) : RecipeStepHandler<CustomersStepModel>
{
    public override string StepName => "customers";

    protected override IEnumerable<string> Validate(CustomersStepModel step)
    {
        var number = 0;
        foreach (var customer in step.Customers)
        {
            number++;
            var label = $"Customer {number} ({customer.Email ?? customer.LastName ?? customer.Company ?? "no name"})";
            foreach (var error in validator.Validate(new CustomerFields(customer.Company, customer.FirstName, customer.LastName, customer.Email, customer.Phone)))
            {
                yield return $"{label}: {error.Message}";
            }

            if (customer.Registered && string.IsNullOrWhiteSpace(customer.Email))
            {
                yield return $"{label}: a registered customer needs an email, which is the user name.";
            }
        }

        var duplicates = step.Customers.Where(customer => customer.Registered && !string.IsNullOrWhiteSpace(customer.Email))
            .GroupBy(customer => customer.Email!.Trim(), StringComparer.OrdinalIgnoreCase)
            .Where(group => group.Count() > 1);
        foreach (var duplicate in duplicates)
        {
            yield return $"The email '{duplicate.Key}' is registered more than once; a login's user name must be unique.";
        }
    }

    protected override async Task ExecuteAsync(CustomersStepModel step, CancellationToken cancellationToken)
    {
        foreach (var model in step.Customers)
        {
            var customer = new Customer
            {
                Company = model.Company,
                FirstName = model.FirstName,
                LastName = model.LastName,
                Email = model.Email,
                Phone = model.Phone,
                CreatedUtc = model.Created is { } created ? AsUtc(created) : clock.GetUtcNow().UtcDateTime,
            };

            if (model.Registered)
            {
                var user = new ShopUser { UserName = customer.Email, Email = customer.Email, EmailConfirmed = true };
                IdentityResults.ThrowIfFailed(await userManager.CreateAsync(user, passwordGenerator.Generate()), $"create a login for '{customer.Email}'");
                customer.UserId = user.Id;
            }

            db.Customers.Add(customer);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    // A recipe's date without an offset means UTC, not the server's local time.
    private static DateTime AsUtc(DateTime value) =>
        value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Utc) : value.ToUniversalTime();
}
