using System.Globalization;
using Commerce.Customers.Models;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Services;

/// <summary>A postal address as typed at checkout or in an editor.</summary>
public sealed record AddressFields(string? Recipient, string? Line1, string? Line2, string? City, string? PostalCode, string? Country);

/// <summary>The rules for addresses, shared by checkout and the editors. Field names are prefixed so errors land by their inputs.</summary>
public sealed class AddressValidator(IStringLocalizer<AddressValidator> S)
{
    public IReadOnlyList<FieldError> Validate(AddressFields address, string prefix)
    {
        var errors = new List<FieldError>();
        Required(errors, prefix + nameof(AddressFields.Line1), address.Line1, CustomerAddress.LineMaxLength, S["Enter the street and number."]);
        Required(errors, prefix + nameof(AddressFields.City), address.City, CustomerAddress.CityMaxLength, S["Enter the city."]);
        Required(errors, prefix + nameof(AddressFields.PostalCode), address.PostalCode, CustomerAddress.PostalCodeMaxLength, S["Enter the postal code."]);
        Optional(errors, prefix + nameof(AddressFields.Recipient), address.Recipient, CustomerAddress.LineMaxLength);
        Optional(errors, prefix + nameof(AddressFields.Line2), address.Line2, CustomerAddress.LineMaxLength);
        if (!IsCountryCode(address.Country?.Trim()))
        {
            errors.Add(new(prefix + nameof(AddressFields.Country), S["Choose a country (a two-letter code such as US or DE)."]));
        }

        return errors;
    }

    public static bool IsCountryCode(string? code)
    {
        if (code is not { Length: 2 } || !code.All(char.IsAsciiLetter))
        {
            return false;
        }

        try
        {
            return string.Equals(new RegionInfo(code).TwoLetterISORegionName, code, StringComparison.OrdinalIgnoreCase);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private void Required(List<FieldError> errors, string field, string? value, int maxLength, string missing)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(field, missing));
        }
        else
        {
            Optional(errors, field, value, maxLength);
        }
    }

    private void Optional(List<FieldError> errors, string field, string? value, int maxLength)
    {
        if (value is not null && (value.Trim().Length > maxLength || value.Any(char.IsControl)))
        {
            errors.Add(new(field, S["Use at most {0} characters, without line breaks.", maxLength]));
        }
    }
}
