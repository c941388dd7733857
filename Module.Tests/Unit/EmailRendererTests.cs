using Commerce.Customers.Notifications;

namespace Commerce.Customers.Tests.Unit;

public sealed class EmailRendererTests
{
    private static readonly EmailRenderer Renderer = new();

    private static EmailModel Model(string firstName = "Frank") => new()
    {
        Customer = new EmailCustomer { FirstName = firstName, LastName = "Martin Jr.", Company = "The Transporter", Email = "frank@martin.com" },
        UserName = "frank@martin.com",
        Password = "Pa55-word<&>",
        Site = new EmailSite { Name = "Demo shop", BaseUrl = "https://shop.example" },
        SignInUrl = "https://shop.example/admin/login",
    };

    private static EmailTemplateSource Default(string name)
    {
        var definition = EmailTemplateDefinitions.Find(name)!;
        return new EmailTemplateSource(name, definition.Subject, definition.HtmlBody, definition.TextBody, false);
    }

    [Fact]
    public async Task Login_created_shows_the_user_name_password_and_sign_in_address()
    {
        var email = await Renderer.RenderAsync(Default(EmailTemplateDefinitions.LoginCreated), Model());

        Assert.Equal("Your account at Demo shop", email.Subject);
        Assert.Contains("User name: frank@martin.com", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Password: Pa55-word<&>", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dear Frank Martin Jr.,", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("<strong>Pa55-word&lt;&amp;&gt;</strong>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://shop.example/admin/login\"", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Markup_in_a_customers_name_is_encoded_in_the_html_body()
    {
        var email = await Renderer.RenderAsync(Default(EmailTemplateDefinitions.PasswordChangedNotice), Model("<script>alert(1)</script>"));

        Assert.DoesNotContain("<script>", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Pa55", email.HtmlBody + email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_subject_cannot_carry_line_breaks_into_the_headers()
    {
        var source = new EmailTemplateSource("x", "Hello {{ customer.first_name }}", "<p>x</p>", "x", true);

        var email = await Renderer.RenderAsync(source, Model("Eve\r\nBcc: victim@example.com"));

        Assert.Equal("Hello Eve Bcc: victim@example.com", email.Subject);
    }

    [Fact]
    public async Task A_company_stands_in_when_the_customer_has_no_name()
    {
        var model = Model();
        model.Customer.FirstName = null;
        model.Customer.LastName = null;

        var email = await Renderer.RenderAsync(Default(EmailTemplateDefinitions.PasswordChanged), model);

        Assert.StartsWith("Dear The Transporter,", email.TextBody.TrimStart(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{% if user_name %}no end")]
    [InlineData("{{ user_name ")]
    public void Syntax_errors_are_reported_with_the_parsers_message(string source)
    {
        Assert.False(EmailRenderer.TryParse(source, out var error));
        Assert.False(string.IsNullOrWhiteSpace(error));
    }

    [Fact]
    public void Every_shipped_template_parses()
    {
        foreach (var definition in EmailTemplateDefinitions.All)
        {
            Assert.True(EmailRenderer.TryParse(definition.Subject, out _), definition.Name);
            Assert.True(EmailRenderer.TryParse(definition.HtmlBody, out _), definition.Name);
            Assert.True(EmailRenderer.TryParse(definition.TextBody, out _), definition.Name);
        }
    }
}
