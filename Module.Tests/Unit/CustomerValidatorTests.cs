using Commerce.Customers.Services;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Tests.Unit;

public sealed class CustomerValidatorTests
{
    private static readonly CustomerValidator Validator = new(
        new StringLocalizer<CustomerValidator>(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    private static IReadOnlyList<FieldError> Validate(string? company = null, string? first = null, string? last = "Riggs", string? email = "martin@riggs.com", string? phone = null) =>
        Validator.Validate(new CustomerFields(company, first, last, email, phone));

    [Fact]
    public void A_complete_customer_is_valid() => Assert.Empty(Validate(first: "Martin", phone: "+1 (555) 010-2000"));

    [Fact]
    public void A_company_alone_is_enough() => Assert.Empty(Validate(company: "The Transporter", last: null, email: null));

    [Fact]
    public void Neither_company_nor_last_name_is_refused_at_the_last_name()
    {
        var error = Assert.Single(Validate(company: " ", last: ""));
        Assert.Equal("LastName", error.Field);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("a@b")]
    [InlineData("two@@example.com")]
    [InlineData("spaces in@example.com")]
    [InlineData("@example.com")]
    public void Invalid_emails_are_refused_at_the_email(string email)
    {
        var error = Assert.Single(Validate(email: email));
        Assert.Equal("Email", error.Field);
    }

    [Fact]
    public void Over_long_values_are_refused_next_to_their_fields()
    {
        var errors = Validate(company: new string('c', 201), first: new string('f', 101), last: new string('l', 101), email: new string('e', 250) + "@x.com", phone: new string('1', 51));

        Assert.Equal(["Company", "FirstName", "LastName", "Phone", "Email"], errors.Select(error => error.Field));
    }

    [Fact]
    public void Letters_in_a_phone_number_are_refused()
    {
        var error = Assert.Single(Validate(phone: "call me"));
        Assert.Equal("Phone", error.Field);
    }

    [Theory]
    [InlineData("Null\0byte")]
    [InlineData("Line\nbreak")]
    public void Control_characters_in_a_name_are_refused(string lastName)
    {
        var error = Assert.Single(Validate(last: lastName));
        Assert.Equal("LastName", error.Field);
    }
}
