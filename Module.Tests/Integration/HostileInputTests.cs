using Commerce.Customers.Data;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// Generated hostile input (<see cref="HostileInputs"/>) against every form, query string and
/// uploaded file: never a 500, a refusal always says why and writes nothing, and what is accepted
/// comes back exactly as typed. The attacks and forms are here; the tests are in three classes per
/// database (<see cref="HostileInputTests"/>, <see cref="HostileAdminFormTests"/>,
/// <see cref="HostilePublicFormTests"/>), each with a site of its own, so the long runs go in parallel.
/// </summary>
public abstract partial class HostileAttacks(HostileInputSite fixture)
{
    /// <summary>Cases per form and per query string: every category about 27 times (more with <see cref="TestScale"/>).</summary>
    protected static readonly int CasesEach = TestScale.HostileCases;

    protected const string StrongPassword = "Correct-Horse-Battery-Staple-9";

    protected HostileInputSite Fixture => fixture;

    /// <summary>Every form gets the same <see cref="CasesEach"/> inputs; all problems are reported together.</summary>
    protected async Task AttackAllAsync(IEnumerable<HostileForm> forms, int seed)
    {
        var inputs = HostileInputs.Generate(seed, CasesEach);
        var failures = new List<string>();
        foreach (var form in forms)
        {
            failures.AddRange(await form.AttackAsync(fixture, inputs));
        }

        Assert.True(failures.Count == 0, Report(failures));
    }

    protected Task UnlockAsync(string email) =>
        fixture.Site.WithDbAsync(async (_, services) =>
        {
            var users = services.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Commerce.Customers.Models.ShopUser>>();
            var user = (await users.FindByEmailAsync(email))!;
            await users.ResetAccessFailedCountAsync(user);
            return (await users.SetLockoutEndDateAsync(user, null)).Succeeded;
        });

    protected IEnumerable<HostileForm> AdminForms()
    {
        var apollo = fixture.UnregisteredCustomerId;
        var frank = fixture.FrankId;
        string[] customerFields = ["Company", "FirstName", "LastName", "Email", "Phone"];
        yield return new("Customer create", "/admin/customers/create", Person.Administrator,
            i => new() { ["Company"] = "Acme", ["FirstName"] = "Ann", ["LastName"] = "Lee", ["Email"] = $"ann{i}@example.com", ["Phone"] = "+1 555 0100" },
            customerFields, CustomerRoundTripAsync);
        yield return new("General tab", $"/admin/customers/{apollo}/general", Person.Administrator,
            _ => new() { ["Company"] = "", ["FirstName"] = "Apollo", ["LastName"] = "Creed", ["Email"] = "apollo@creed.com", ["Phone"] = "" },
            customerFields, CustomerRoundTripAsync);
        yield return new("Addresses tab", $"/admin/customers/{apollo}/addresses", Person.Administrator,
            i => new()
            {
                ["Action"] = "save", ["Name"] = $"Home {i}", ["Recipient"] = "Apollo Creed", ["Line1"] = "1 Main Street", ["Line2"] = "", ["City"] = "Philadelphia",
                ["PostalCode"] = "19104", ["Country"] = "US", ["IsDefaultShipping"] = "true", ["IsDefaultBilling"] = "false",
            },
            ["Action", "AddressId", "Name", "Recipient", "Line1", "Line2", "City", "PostalCode", "Country", "IsDefaultShipping", "IsDefaultBilling"]);
        yield return new("Credit tab", $"/admin/customers/{frank}/credit", Person.Administrator,
            _ => new() { ["Amount"] = "10.00", ["Currency"] = "USD", ["Description"] = "Goodwill" },
            ["Amount", "Currency", "Description", "CorrectsEntryId"]);
        yield return new("Login details tab", $"/admin/customers/{frank}/login-details", Person.Administrator,
            _ => new() { ["Action"] = "save", ["Password"] = StrongPassword, ["ConfirmPassword"] = StrongPassword + "-mismatch", ["RequirePasswordChange"] = "false" },
            ["Action", "Password", "ConfirmPassword", "RequirePasswordChange"]);
        yield return new("Roles tab", $"/admin/customers/{frank}/roles", Person.Administrator,
            _ => new() { ["Roles"] = "Staff" }, ["Roles"]);
        yield return new("Membership tab", $"/admin/customers/{frank}/membership", Person.Administrator,
            i => new()
            {
                ["Action"] = "grant", ["Role"] = "Staff",
                ["ValidFrom"] = new DateOnly(2030 + i, 1, 1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["ValidTo"] = new DateOnly(2030 + i, 6, 30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            ["Action", "MembershipId", "Role", "ValidFrom", "ValidTo"]);
        yield return new("Email template save", "/admin/email-templates/LoginCreated", Person.Administrator,
            _ => new() { ["Subject"] = "Welcome {{ customer.first_name }}", ["HtmlBody"] = "<p>Hello {{ customer.first_name }}</p>", ["TextBody"] = "Hello", ["Submit"] = "save" },
            ["Subject", "HtmlBody", "TextBody", "Submit"]);
        // A preview answers 200 whether it renders or refuses, and writes nothing either way.
        yield return new("Email template preview", "/admin/email-templates/LoginCreated", Person.Administrator,
            _ => new() { ["Subject"] = "Welcome {{ customer.first_name }}", ["HtmlBody"] = "<p>Hello {{ customer.first_name }}</p>", ["TextBody"] = "Hello", ["Submit"] = "preview" },
            ["Subject", "HtmlBody", "TextBody"], RefusalNamesTheProblem: false);
        yield return new("Email settings test", "/admin/email-settings/test", Person.Administrator,
            _ => new() { ["TestRecipient"] = "test@example.com" }, ["TestRecipient"]);
        yield return new("Site address", "/admin/email-settings/site-address", Person.Administrator,
            _ => new() { ["SiteAddress"] = "http://localhost" }, ["SiteAddress"]);
        yield return new("New order", $"/admin/orders/new?customerId={apollo}", Person.Administrator,
            _ => new() { [$"quantities[{fixture.ProductId}]"] = "1", ["registerCustomer"] = "false" },
            [$"quantities[{fixture.ProductId}]", "registerCustomer"]);
        // The bulk bar's 200 is its confirmation page (a refusal redirects to the list with the reason); it writes nothing.
        yield return new("Bulk bar", "/admin/customers/bulk", Person.Administrator,
            _ => new() { ["Action"] = "create-logins", ["Scope"] = "all", ["Q"] = "zzz", ["Registered"] = "no" },
            ["Action", "Scope", "Ids", "Q", "Registered"], RefusalNamesTheProblem: false);
        yield return new("Bulk start", "/admin/customers/bulk/start", Person.Administrator,
            _ => new() { ["Action"] = "create-logins", ["Scope"] = "selected", ["Ids"] = "999999", ["Q"] = "", ["Registered"] = "" },
            ["Action", "Scope", "Ids", "Q", "Registered", "DeleteLogins"]);
        // Last: the settings decide whether registration and reset forms exist.
        yield return new("Customer account settings", "/admin/settings/customer-accounts", Person.Administrator,
            _ => new()
            {
                ["EnableRegistration"] = "true", ["AllowPasswordReset"] = "true", ["MinimumPasswordStrength"] = "Average", ["NotificationMode"] = "EmailPassword",
                ["RequirePasswordChangeByDefault"] = "false", ["MembershipReminderDays"] = "7", ["LinkLifetimeHours"] = "", ["RequireEmailConfirmation"] = "false",
                ["RequireStaffSecondFactor"] = "false",
            },
            ["EnableRegistration", "AllowPasswordReset", "LinkLifetimeHours", "MinimumPasswordStrength", "NotificationMode", "RequirePasswordChangeByDefault", "MembershipReminderDays", "RequireEmailConfirmation", "RequireStaffSecondFactor"]);
    }

    protected IEnumerable<HostileForm> PublicForms()
    {
        // Sign-in as nobody, so a refusal never counts a failed attempt against a real login.
        yield return new("Admin sign-in", "/admin/login", Person.Anonymous,
            _ => new() { ["Email"] = "nobody-here@example.com", ["Password"] = "wrong password", ["ReturnUrl"] = "/admin" },
            ["Email", "Password", "ReturnUrl"]);
        yield return new("Customer sign-in", "/account/login", Person.Anonymous,
            _ => new() { ["Email"] = "nobody-here@example.com", ["Password"] = "wrong password", ["ReturnUrl"] = "/account", ["RememberMe"] = "false" },
            ["Email", "Password", "ReturnUrl", "RememberMe"]);
        // The answer never says whether the address exists, so there is no message to look for.
        yield return new("Forgot password", "/account/forgot-password", Person.Anonymous,
            _ => new() { ["Email"] = "nobody-here@example.com" }, ["Email"], RefusalNamesTheProblem: false);
        yield return new("Set password", "/account/set-password", Person.Anonymous,
            _ => new() { ["User"] = "no-such-user", ["Token"] = "forged", ["Password"] = StrongPassword, ["ConfirmPassword"] = StrongPassword },
            ["User", "Token", "Password", "ConfirmPassword"]);
        yield return new("Change password", "/account/change-password", Person.Customer,
            _ => new() { ["CurrentPassword"] = "not the password", ["Password"] = StrongPassword, ["ConfirmPassword"] = StrongPassword, ["ReturnUrl"] = "/account" },
            ["CurrentPassword", "Password", "ConfirmPassword", "ReturnUrl"],
            // Each case is a wrong current password, counted toward lockout; the count is cleared so the account stays usable.
            BeforeEachCase: _ => UnlockAsync(PeopleSite.CustomerEmail), CountsWrongPasswords: true);
        // A wrong first code turns nothing on. Opening the set-up page first makes the key it confirms.
        yield return new("Authenticator set-up", "/account/security/authenticator", Person.Customer,
            _ => new() { ["Code"] = "000000" }, ["Code"], Prepare: client => client.GetPageAsync("/account/security/authenticator"));
        // Refusals of passkey forms come back as a redirect with the message: nothing may be kept, nobody signed in.
        yield return new("Add passkey", "/account/security/passkeys", Person.Customer,
            _ => new() { ["Name"] = "Laptop", ["Proof"] = "not the password", ["CredentialJson"] = "{}" },
            ["Name", "Proof", "CredentialJson"],
            async (_, _) => await fixture.Site.WithDbAsync(db => db.UserPasskeys.CountAsync()) is 0 ? null : "a passkey was kept",
            BeforeEachCase: _ => UnlockAsync(PeopleSite.CustomerEmail), CountsWrongPasswords: true);
        yield return new("Rename passkey", "/account/security/passkeys/rename", Person.Customer,
            _ => new() { ["Id"] = "AAAAAAAAAAAAAAAAAAAAAA", ["Name"] = "Phone" }, ["Id", "Name"],
            async (_, _) => await fixture.Site.WithDbAsync(db => db.UserPasskeys.CountAsync()) is 0 ? null : "a passkey appeared");
        yield return new("Passkey sign-in", "/account/passkey", Person.Anonymous,
            _ => new() { ["CredentialJson"] = "{\"id\":\"AAAA\",\"type\":\"public-key\"}", ["TypedEmail"] = PeopleSite.CustomerEmail, ["ReturnTo"] = "/account" },
            ["CredentialJson", "TypedEmail", "ReturnTo"],
            (_, response) => Task.FromResult(Html.RedirectPath(response) == "/account/login" ? null : $"it answered {Html.RedirectPath(response)}"));
        // With the right password a valid new address is accepted (a link is queued; the email stays as it is), anything else refused.
        yield return new("Change email", "/account/email", Person.Customer,
            i => new() { ["Email"] = $"moved{i}@example.com", ["CurrentPassword"] = PeopleSite.Password },
            ["Email", "CurrentPassword"],
            BeforeEachCase: _ => UnlockAsync(PeopleSite.CustomerEmail), CountsWrongPasswords: true);
        yield return new("Confirm email change", "/account/email/confirm", Person.Customer,
            _ => new() { ["User"] = "no-such-user", ["Email"] = "moved@example.com", ["Token"] = "forged" },
            ["User", "Email", "Token"]);
        yield return new("Report email change", "/account/email/report", Person.Anonymous,
            _ => new() { ["User"] = "no-such-user", ["Token"] = "forged" },
            ["User", "Token"]);
        yield return new("My account profile", "/account/profile", Person.Customer,
            _ => new() { ["Company"] = "", ["FirstName"] = "Sam", ["LastName"] = "Shopper", ["Phone"] = "" },
            ["Company", "FirstName", "LastName", "Phone"], ProfileRoundTripAsync);
        yield return new("Checkout", ShopForms.CheckoutUrl, Person.Anonymous,
            i => new(ShopForms.CheckoutFields($"buyer{i}@example.com", ("Company", "Buyers Inc"), ("Phone", "+1 555 0100"), ("Recipient", "Pat Buyer"), ("Line2", ""))) { ["Account"] = "None" },
            ["Email", "FirstName", "LastName", "Company", "Phone", "Recipient", "Line1", "Line2", "City", "PostalCode", "Country", "Account", "Password", "ConfirmPassword", "UseCredit"],
            BeforeEachCase: client => ShopForms.AddToCartAsync(client));
        yield return new("Confirm email", "/account/confirm-email", Person.Anonymous,
            _ => new() { ["User"] = "no-such-user", ["Token"] = "no-such-token", ["Password"] = StrongPassword },
            ["User", "Token", "Password"]);
        // "Send the link again" answers alike for every address, so its 200 carries no message. It comes
        // before Registration: a hostile address registered there awaits confirmation, and a resend to it
        // rightly writes its email.
        yield return new("Resend confirmation", "/account/confirm-email/resend", Person.Anonymous,
            _ => new() { ["Email"] = "nobody@example.com" }, ["Email"], RefusalNamesTheProblem: false);
        yield return new("Registration", "/account/register", Person.Anonymous,
            i => new()
            {
                ["Email"] = $"reg{i}@example.com", ["FirstName"] = "Reg", ["LastName"] = "Istered", ["Company"] = "", ["Password"] = StrongPassword,
                ["ConfirmPassword"] = StrongPassword, ["ReturnUrl"] = "/account",
            },
            ["Email", "FirstName", "LastName", "Company", "Password", "ConfirmPassword", "ReturnUrl"]);
    }

    /// <summary>A saved customer holds exactly what was typed (trimmed), and the editor shows it back.</summary>
    private async Task<string?> CustomerRoundTripAsync(IReadOnlyDictionary<string, string> fields, HttpResponseMessage response)
    {
        var id = int.Parse(Html.RedirectPath(response).Split('/')[3], CultureInfo.InvariantCulture);
        var saved = await fixture.Site.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == id));
        var stored = new Dictionary<string, string?> { ["Company"] = saved.Company, ["FirstName"] = saved.FirstName, ["LastName"] = saved.LastName, ["Email"] = saved.Email, ["Phone"] = saved.Phone };
        var admin = await fixture.SharedClientAsync(Person.Administrator);
        var page = await admin.GetPageAsync($"/admin/customers/{id}/general");
        return Compare(fields, stored, page);
    }

    private async Task<string?> ProfileRoundTripAsync(IReadOnlyDictionary<string, string> fields, HttpResponseMessage response)
    {
        var saved = await fixture.Site.WithDbAsync(db => db.Customers.AsNoTracking().SingleAsync(c => c.Id == fixture.RegisteredCustomerId));
        var stored = new Dictionary<string, string?> { ["Company"] = saved.Company, ["FirstName"] = saved.FirstName, ["LastName"] = saved.LastName, ["Phone"] = saved.Phone };
        var customer = await fixture.SharedClientAsync(Person.Customer);
        return Compare(fields, stored, await customer.GetPageAsync("/account"));
    }

    private static string? Compare(IReadOnlyDictionary<string, string> posted, Dictionary<string, string?> stored, string page)
    {
        foreach (var (field, value) in stored)
        {
            var expected = string.IsNullOrWhiteSpace(posted[field]) ? null : posted[field].Trim();
            if (value != expected)
            {
                return $"{field} was stored as {HostileInput.Shown(value ?? "(null)")}";
            }

            var shown = InputValue(page, field);
            if (shown != (expected ?? ""))
            {
                return $"{field} is shown as {HostileInput.Shown(shown ?? "(no input)")}";
            }
        }

        return null;
    }

    /// <summary>The decoded value attribute of the input named <paramref name="name"/>.</summary>
    private static string? InputValue(string page, string name)
    {
        var input = Regex.Match(page, $"<input[^>]*\\bname=\"{Regex.Escape(name)}\"[^>]*>");
        if (!input.Success)
        {
            return null;
        }

        var value = ValueAttribute().Match(input.Value);
        return value.Success ? WebUtility.HtmlDecode(value.Groups[1].Value) : "";
    }

    /// <summary>How many problems each form had, then the first few of each, so one noisy form cannot hide another.</summary>
    protected static string Report(List<string> failures) =>
        $"{failures.Count} problems:\n" + string.Join('\n', failures.GroupBy(failure => failure.Split(" [")[0])
            .Select(form => $"-- {form.Key}: {form.Count()}\n{string.Join('\n', form.Take(8))}"));

    /// <summary>The list's parameters, attacked in turn.</summary>
    protected static readonly string[] ListParameters = ["q", "registered", "sort", "dir", "after", "before", "size"];

    protected static string Q(string value) => Uri.EscapeDataString(value);

    [GeneratedRegex("\\bvalue=\"([^\"]*)\"")]
    private static partial Regex ValueAttribute();
}

/// <summary>Hostile query strings, ids, return addresses and import files, and the checks that the attacks can fail.</summary>
public abstract class HostileInputTests(HostileInputSite fixture) : HostileAttacks(fixture)
{
    [Fact]
    public async Task Query_strings_and_ids_in_addresses_never_fail_and_write_nothing()
    {
        var inputs = HostileInputs.Generate(seed: 888, CasesEach);
        var admin = await Fixture.SharedClientAsync(Person.Administrator);
        var customer = await Fixture.SharedClientAsync(Person.Customer);
        var apollo = Fixture.UnregisteredCustomerId;
        var targets = new (SiteClient Client, Func<int, string, string> Url)[]
        {
            (admin, (i, h) => $"/admin/customers?{ListParameters[i % ListParameters.Length]}={Q(h)}"),
            (admin, (i, h) => $"/admin/customers/export?{ListParameters[i % ListParameters.Length]}={Q(h)}"),
            (admin, (_, h) => $"/admin/notifications?status={Q(h)}&olderThan={Q(h)}"),
            (admin, (_, h) => $"/admin/customers/{Q(h)}/general"),
            (admin, (_, h) => $"/admin/customers/{apollo}/{Q(h)}"),
            (admin, (_, h) => $"/admin/customers/{apollo}/addresses?edit={Q(h)}"),
            (admin, (_, h) => $"/admin/customers/{apollo}/credit?correct={Q(h)}"),
            (admin, (_, h) => $"/admin/customers/jobs/{Q(h)}"),
            (admin, (_, h) => $"/admin/customers/jobs/{Q(h)}/progress"),
            (admin, (_, h) => $"/admin/email-templates/{Q(h)}"),
            (admin, (_, h) => $"/admin/orders/new?customerId={Q(h)}"),
            (admin, (_, h) => $"/admin/login?returnUrl={Q(h)}"),
            (customer, (_, h) => $"/account/orders/{Q(h)}"),
            (customer, (_, h) => $"/account/change-password?returnUrl={Q(h)}"),
            (customer, (_, h) => $"/account/login?returnUrl={Q(h)}"),
            (customer, (_, h) => $"/account/register?returnUrl={Q(h)}"),
            (customer, (_, h) => $"/shop/orders/{Q(h)}"),
        };

        var before = await DatabaseSnapshot.TakeAsync(Fixture.Site);
        var failures = new List<string>();
        var sent = 0;
        foreach (var (client, url) in targets)
        {
            foreach (var (input, i) in inputs.Select((input, i) => (input, i)))
            {
                var address = url(i, input.Value);
                // Kestrel answers a NUL in the path with 400 before the site sees it; the test server throws instead.
                if (address.Split('?')[0].Contains("%00", StringComparison.Ordinal))
                {
                    continue;
                }

                using var response = await client.GetAsync(address);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"GET {HostileInput.Shown(address)} ({input.Category}): HTTP {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} problems in {sent} requests:\n{string.Join('\n', failures.Take(60))}");
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(Fixture.Site));
    }

    [Fact]
    public async Task Sign_in_never_redirects_off_the_site_whatever_the_return_address()
    {
        string[] openRedirects =
        [
            "//evil.example", "https://evil.example", "http:evil.example", "/\\evil.example", "\\\\evil.example", "///evil.example", " //evil.example",
            "/\t/evil.example", "https:/evil.example", "javascript:alert(1)", "//evil.example/%2e%2e", "/%2F%2Fevil.example", "\u3002evil.example", "//evil.example@localhost",
        ];
        var returnUrls = openRedirects.Concat(HostileInputs.Generate(seed: 8888, 26).Select(input => input.Value)).ToList();
        var failures = new List<string>();
        foreach (var (loginUrl, person) in new[] { ("/admin/login", TestSite.AdminEmail), ("/account/login", PeopleSite.CustomerEmail) })
        {
            foreach (var returnUrl in returnUrls)
            {
                using var client = Fixture.Site.CreateSiteClient();
                var password = person == TestSite.AdminEmail ? TestSite.AdminPassword : PeopleSite.Password;
                using var response = await client.PostFormAsync(loginUrl, [new("Email", person), new("Password", password), new("ReturnUrl", returnUrl)]);
                var location = response.Headers.Location?.OriginalString ?? "";
                // Local means one leading slash and nothing a browser reads as another host.
                var local = location.StartsWith('/') && !location.StartsWith("//", StringComparison.Ordinal) && !location.StartsWith("/\\", StringComparison.Ordinal);
                // A return address the form reader refuses (a NUL) gets a 400: no redirect at all, which is fine.
                if (response.StatusCode != HttpStatusCode.BadRequest && (response.StatusCode != HttpStatusCode.Redirect || !local))
                {
                    failures.Add($"{loginUrl} with ReturnUrl {HostileInput.Shown(returnUrl)}: {(int)response.StatusCode} to {HostileInput.Shown(location)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task Malformed_import_files_are_refused_with_a_message_and_start_nothing()
    {
        var admin = await Fixture.SharedClientAsync(Person.Administrator);
        var failures = new List<string>();
        var files = MalformedCsv.Generate(seed: 8, count: CasesEach);
        var before = await DatabaseSnapshot.TakeAsync(Fixture.Site);
        foreach (var file in files)
        {
            using var response = await admin.PostFileAsync("/admin/customers/import", "file", file.Name, file.Bytes);
            var after = await DatabaseSnapshot.TakeAsync(Fixture.Site);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                if (!HostileForm.ShowsAMessage(await response.Content.ReadAsStringAsync()))
                {
                    failures.Add($"{file}: refused without a message");
                }

                if (after != before)
                {
                    failures.Add($"{file}: refused but the database changed");
                }
            }
            else if (response.StatusCode == HttpStatusCode.Redirect)
            {
                // Accepted for a dry run: only the job waiting for confirmation is written, no customer.
                var customersBefore = Regex.Match(before, "== Customers\n(.*?)\n== ", RegexOptions.Singleline).Value;
                var customersAfter = Regex.Match(after, "== Customers\n(.*?)\n== ", RegexOptions.Singleline).Value;
                if (customersBefore != customersAfter)
                {
                    failures.Add($"{file}: a dry run wrote customers");
                }

                using var preview = await admin.GetAsync(Html.RedirectPath(response));
                if (preview.StatusCode != HttpStatusCode.OK)
                {
                    failures.Add($"{file}: its dry run page answered {(int)preview.StatusCode}");
                }
            }
            else
            {
                failures.Add($"{file}: HTTP {(int)response.StatusCode}");
            }

            before = after;
        }

        Assert.True(failures.Count == 0, Report(failures));
    }

    [Fact]
    public async Task A_form_that_answers_500_is_reported()
    {
        // Every check must be able to fail: a route that always throws (the error page for 500) is caught.
        var broken = new HostileForm("broken", "/error/500", Person.Administrator, _ => new() { ["x"] = "y" }, ["x"]);
        var failures = await broken.AttackAsync(Fixture, HostileInputs.Generate(seed: 1, count: 3));
        Assert.Equal(3, failures.Count(failure => failure.Contains("HTTP 500", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_refusal_that_writes_is_reported()
    {
        // The cheap "nothing was committed" check must never hide a write: every case here commits
        // a row just before a sign-in that is refused.
        var written = 0;
        var writing = new HostileForm("writes", "/admin/login", Person.Anonymous, _ => new() { ["Email"] = "nobody@example.com", ["Password"] = "Wrong-Guess-123" }, ["Email"],
            BeforeEachCase: _ => Fixture.Site.WithDbAsync(async db =>
            {
                db.Customers.Add(new Commerce.Customers.Models.Customer { LastName = $"Written {++written}", CreatedUtc = DateTime.UtcNow });
                return await db.SaveChangesAsync();
            }));
        var failures = await writing.AttackAsync(Fixture, HostileInputs.Generate(seed: 2, count: 3));
        Assert.Equal(3, failures.Count(failure => failure.Contains("but the database changed", StringComparison.Ordinal)));
    }
}

/// <summary>Every admin form, 300 hostile cases each.</summary>
public abstract class HostileAdminFormTests(HostileInputSite fixture) : HostileAttacks(fixture)
{
    [Fact]
    public Task Admin_forms_never_fail_refuse_with_a_message_and_write_nothing_when_they_refuse() =>
        AttackAllAsync(AdminForms(), seed: 8);
}

/// <summary>Every public form (sign-in, registration, checkout, My account), 300 hostile cases each.</summary>
public abstract class HostilePublicFormTests(HostileInputSite fixture) : HostileAttacks(fixture)
{
    [Fact]
    public Task Public_forms_never_fail_refuse_with_a_message_and_write_nothing_when_they_refuse() =>
        AttackAllAsync(PublicForms(), seed: 88);
}

[LongRunning(41)]
public sealed class SqliteHostileInputTests(HostileInputSite fixture) : HostileInputTests(fixture), IClassFixture<HostileInputSite>;

[LongRunning(60)]
public sealed class SqliteHostileAdminFormTests(HostileInputSite fixture) : HostileAdminFormTests(fixture), IClassFixture<HostileInputSite>;

[LongRunning(53)]
public sealed class SqliteHostilePublicFormTests(HostileInputSite fixture) : HostilePublicFormTests(fixture), IClassFixture<HostileInputSite>;

/// <summary>The same attacks on PostgreSQL, which refuses what SQLite stores (a NUL in text, for one).</summary>
[LongRunning(40)]
public sealed class PostgresHostileInputTests(PostgresHostileInputSite fixture) : HostileInputTests(fixture), IClassFixture<PostgresHostileInputSite>;

[LongRunning(130)]
public sealed class PostgresHostileAdminFormTests(PostgresHostileInputSite fixture) : HostileAdminFormTests(fixture), IClassFixture<PostgresHostileInputSite>;

[LongRunning(61)]
public sealed class PostgresHostilePublicFormTests(PostgresHostileInputSite fixture) : HostilePublicFormTests(fixture), IClassFixture<PostgresHostileInputSite>;

/// <summary>The hostile-input site on a database of the shared PostgreSQL server, one for the whole class like the SQLite one.</summary>
public sealed class PostgresHostileInputSite : HostileInputSite
{
    protected override async Task<TestSiteOptions> DatabaseAsync(TestSiteOptions options) =>
        options with { Provider = DatabaseProvider.PostgreSql, ConnectionString = await (await SharedPostgresServer.ServerAsync()).CreateDatabaseAsync("hostile") };
}
