using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Security;

/// <summary>
/// An Identity password validator that refuses passwords below the site's minimum zxcvbn level,
/// counting the user's own names, email and company against the password. Because it is an
/// Identity validator, every way of setting a password passes through it.
/// </summary>
public sealed class MinimumStrengthPasswordValidator(
    PasswordStrengthEstimator estimator,
    CustomerAccountSettingsStore settings,
    CustomersDbContext db,
    PasswordStrengthTexts texts,
    IStringLocalizer<MinimumStrengthPasswordValidator> S) : IPasswordValidator<ShopUser>
{
    public const string ErrorCode = "PasswordTooWeak";

    public async Task<IdentityResult> ValidateAsync(UserManager<ShopUser> manager, ShopUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return IdentityResult.Success;
        }

        var minimum = (await settings.GetAsync()).MinimumPasswordStrength;
        var verdict = estimator.Estimate(password, await UserInputsAsync(user));
        if (verdict.Level >= minimum)
        {
            return IdentityResult.Success;
        }

        return IdentityResult.Failed(new IdentityError
        {
            Code = ErrorCode,
            Description = S["The password is {0}; it must be at least {1}. {2}", texts.Level(verdict.Level), texts.Level(minimum), texts.Advice(verdict)].Value.Trim(),
        });
    }

    /// <summary>What an attacker would try first: the user's own details.</summary>
    public async Task<IReadOnlyList<string?>> UserInputsAsync(ShopUser user)
    {
        var email = user.Email ?? user.UserName;
        var normalizedEmail = Customer.Normalize(email);
        var customer = await db.Customers.AsNoTracking()
            .Where(c => c.UserId == user.Id || (normalizedEmail != "" && c.NormalizedEmail == normalizedEmail))
            .Select(c => new { c.FirstName, c.LastName, c.Company, c.Email })
            .FirstOrDefaultAsync();
        return LoginInputs(user.UserName, email, customer?.FirstName, customer?.LastName, customer?.Company, customer?.Email);
    }

    /// <summary>
    /// The inputs the validator uses for a login and its customer, in its order (zxcvbn ranks them
    /// by position): a password generated against these needs no second check.
    /// </summary>
    public static IReadOnlyList<string?> LoginInputs(string? userName, string? email, string? firstName, string? lastName, string? company, string? customerEmail) =>
        [userName, email, firstName, lastName, company, customerEmail];

    public static IReadOnlyList<string?> UserInputs(Customer customer) => [customer.FirstName, customer.LastName, customer.Company, customer.Email];
}
