using System.ComponentModel.DataAnnotations;
using Commerce.Customers.Models;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Services;

/// <summary>The customer fields as typed by an admin, a recipe or an import.</summary>
public sealed record CustomerFields(string? Company, string? FirstName, string? LastName, string? Email, string? Phone);

/// <summary>One validation failure, named after the field it concerns so it can stand next to it.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>
/// The single set of rules for customer data, shared by the admin editor and the recipe step,
/// so that a recipe cannot seed what the editor would refuse.
/// </summary>
public sealed class CustomerValidator(IStringLocalizer<CustomerValidator> S)
{
    private static readonly EmailAddressAttribute EmailFormat = new();

    public IReadOnlyList<FieldError> Validate(CustomerFields fields)
    {
        var errors = new List<FieldError>();

        if (string.IsNullOrWhiteSpace(fields.Company) && string.IsNullOrWhiteSpace(fields.LastName))
        {
            errors.Add(new(nameof(CustomerFields.LastName), S["Enter a last name or a company."]));
        }

        CheckLength(errors, nameof(CustomerFields.Company), fields.Company, Customer.CompanyMaxLength, S["Company"]);
        CheckLength(errors, nameof(CustomerFields.FirstName), fields.FirstName, Customer.NameMaxLength, S["First name"]);
        CheckLength(errors, nameof(CustomerFields.LastName), fields.LastName, Customer.NameMaxLength, S["Last name"]);
        CheckLength(errors, nameof(CustomerFields.Phone), fields.Phone, Customer.PhoneMaxLength, S["Phone"]);
        CheckLength(errors, nameof(CustomerFields.Email), fields.Email, Customer.EmailMaxLength, S["Email"]);

        var email = fields.Email?.Trim();
        if (!string.IsNullOrEmpty(email))
        {
            if (email.Length <= Customer.EmailMaxLength && !email.Any(char.IsControl) && !IsValidEmail(email))
            {
                errors.Add(new(nameof(CustomerFields.Email), S["Enter a valid email address, such as name@example.com."]));
            }
        }

        var phone = fields.Phone?.Trim();
        if (!string.IsNullOrEmpty(phone) && !phone.All(IsPhoneCharacter))
        {
            errors.Add(new(nameof(CustomerFields.Phone), S["A phone number may contain only digits, spaces and + ( ) - . characters."]));
        }

        return errors;
    }

    public static bool IsValidEmail(string email) =>
        EmailFormat.IsValid(email)
        && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at
        && at < email.Length - 1
        && email[(at + 1)..].Contains('.', StringComparison.Ordinal)
        && !email.Any(char.IsWhiteSpace)
        && !email.Any(char.IsControl)
        && IsDeliverable(email);

    // EmailAddressAttribute lets "a..b@example.com" and "<a@example.com>" through, but MimeKit refuses them
    // when an email is built: such an address could be saved, yet nothing could ever be sent to it.
    private static bool IsDeliverable(string email)
    {
        try
        {
            _ = new MimeKit.MailboxAddress("", email);
            return true;
        }
        catch (MimeKit.ParseException)
        {
            return false;
        }
    }

    private static bool IsPhoneCharacter(char c) => char.IsAsciiDigit(c) || c is ' ' or '+' or '(' or ')' or '-' or '.' or '/';

    private void CheckLength(List<FieldError> errors, string field, string? value, int maxLength, string label)
    {
        if (value is null)
        {
            return;
        }

        if (value.Trim().Length > maxLength)
        {
            errors.Add(new(field, S["{0} must be at most {1} characters.", label, maxLength]));
        }
        else if (value.Any(char.IsControl))
        {
            errors.Add(new(field, S["{0} must not contain control characters such as tabs or line breaks.", label]));
        }
    }
}
