using System.Net;
using Commerce.Customers.Setup;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>First run: the setup screen, unattended set-up, and recipes that must change nothing when they fail.</summary>
public sealed class SetupTests : IDisposable
{
    private readonly string _recipes = Path.Combine(Path.GetTempPath(), "commerce-recipes-" + Guid.NewGuid().ToString("N")[..12]);

    public SetupTests()
    {
        Directory.CreateDirectory(_recipes);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "recipes")))
        {
            File.Copy(file, Path.Combine(_recipes, Path.GetFileName(file)));
        }
    }

    public void Dispose() => Directory.Delete(_recipes, recursive: true);

    [Fact]
    public async Task A_fresh_site_sends_every_page_to_the_setup_screen()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null });
        using var client = site.CreateSiteClient();

        foreach (var url in new[] { "/", "/admin", "/admin/customers", "/admin/login" })
        {
            using var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/setup", response.Headers.Location!.OriginalString);
        }

        var setup = await client.GetPageAsync("/setup");
        Assert.Contains("Set up your site", setup, StringComparison.Ordinal);
        Assert.Matches("<option value=\"demo\"[^>]* selected=\"selected\">Demo shop</option>", setup);

        // The shipped recipes are named and described in the visitor's language.
        client.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de");
        var german = System.Net.WebUtility.HtmlDecode(await client.GetPageAsync("/setup"));
        Assert.Matches("<option value=\"demo\"[^>]* selected=\"selected\">Demo-Shop</option>", german);
        Assert.Contains("<strong>Leerer Shop</strong>: Die Anwendung Kunden noch ohne Kunden", german, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setup_screen_sets_the_site_up_with_the_chosen_recipe()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null });
        using var client = site.CreateSiteClient();

        using var response = await client.PostFormAsync("/setup", SetupForm("demo"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/login", response.Headers.Location!.OriginalString);
        await client.SignInAsync("owner@example.com", "Owner-Passw0rd!");
        var list = await client.GetPageAsync("/admin/customers");
        Assert.Equal(4, Html.CustomerRows(list).Count);
        Assert.Contains("<a class=\"brand\" href=\"/\">Corner shop</a>", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_setup_screen_starts_from_the_recipes_site_name_meters_the_password_and_sign_in_then_says_the_site_is_ready()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null });
        using var client = site.CreateSiteClient();

        var screen = await client.GetPageAsync("/setup");
        using var response = await client.PostFormAsync("/setup", SetupForm("demo"));
        var signIn = await client.GetPageAsync("/admin/login");
        var signInAgain = await client.GetPageAsync("/admin/login");

        // The default recipe (demo) names its site, so the field starts with that name, and each
        // recipe carries its own for the browser to switch to; the blank recipe names none.
        Assert.Matches("<input(?=[^>]*id=\"SiteName\")(?=[^>]*value=\"Demo shop\")", screen);
        Assert.Contains("<option value=\"demo\" data-site-name=\"Demo shop\"", screen, StringComparison.Ordinal);
        Assert.Contains("<option value=\"blank\" data-site-name=\"\">", screen, StringComparison.Ordinal);
        Assert.Matches("<input(?=[^>]*name=\"AdminPassword\")(?=[^>]*data-strength-meter=\"#password-strength\")", screen);
        Assert.Contains("id=\"password-strength\"", screen, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("Your site is ready. Sign in as owner@example.com with the password you chose.", signIn, StringComparison.Ordinal);
        Assert.DoesNotContain("Your site is ready", signInAgain, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SiteName", "", "Enter the site name.")]
    [InlineData("AdminEmail", "not an email", "Enter a valid email address for the administrator.")]
    [InlineData("AdminPassword", "short", "Passwords must be at least 8 characters.")]
    [InlineData("ConfirmPassword", "Different-Passw0rd!", "The passwords do not match.")]
    [InlineData("Recipe", "../../etc/passwd", "Choose a recipe.")]
    public async Task Bad_setup_input_is_reported_by_the_field_and_writes_nothing(string field, string value, string message)
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null });
        using var client = site.CreateSiteClient();
        var form = SetupForm("demo").ToDictionary();
        form[field] = value;
        if (field == "AdminPassword")
        {
            form["ConfirmPassword"] = value;
        }

        using var response = await client.PostFormAsync("/setup", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, Html.FieldError(await response.Content.ReadAsStringAsync(), field), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await CountsAsync(site));
    }

    [Fact]
    public async Task A_recipe_with_an_unknown_step_is_refused_before_anything_is_written()
    {
        WriteRecipe("unknown-step", """{ "name": "unknown-step", "steps": [ { "name": "feature", "enable": ["Commerce.Customers"] }, { "name": "frobnicate" } ] }""");
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null, RecipesFolder = _recipes });
        using var client = site.CreateSiteClient();

        using var response = await client.PostFormAsync("/setup", SetupForm("unknown-step"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Step 2 has an unknown name 'frobnicate'.", Html.FieldError(await response.Content.ReadAsStringAsync(), "Recipe"), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await CountsAsync(site));
    }

    [Fact]
    public async Task A_recipe_that_fails_halfway_leaves_nothing_behind_and_setup_can_be_retried()
    {
        // The customers step runs after settings, roles, the administrator and two customers were written;
        // its third customer takes the administrator's email as a login, which Identity refuses.
        WriteRecipe("fails-late", """
            { "name": "fails-late", "steps": [
              { "name": "feature", "enable": ["Commerce.Customers"] },
              { "name": "roles", "Roles": [ { "Name": "Staff", "Permissions": ["ViewCustomers"] } ] },
              { "name": "customers", "Customers": [
                { "LastName": "One", "Email": "one@example.com", "Registered": true },
                { "LastName": "Two", "Email": "two@example.com" },
                { "LastName": "Clash", "Email": "owner@example.com", "Registered": true } ] } ] }
            """);
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null, RecipesFolder = _recipes });
        using var client = site.CreateSiteClient();

        using var failed = await client.PostFormAsync("/setup", SetupForm("fails-late"));

        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Contains("Could not create a login for 'owner@example.com'", Html.FieldError(await failed.Content.ReadAsStringAsync(), "Recipe"), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await CountsAsync(site));
        Assert.Equal(0, await site.WithDbAsync(db => db.Roles.CountAsync()));

        using var retried = await client.PostFormAsync("/setup", SetupForm("blank"));
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal((1, 1, 0), await CountsAsync(site));
    }

    [Theory]
    [InlineData("""{ "name": "x", "steps": [ { "name": "feature", "enable": ["No.Such.Feature"] } ] }""", "There is no feature 'No.Such.Feature'.")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "roles", "Roles": [ { "Name": "R", "Permissions": ["FlyToTheMoon"] } ] } ] }""", "unknown permission 'FlyToTheMoon'")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "customers", "Customers": [ { "LastName": "A", "Emial": "typo@example.com" } ] } ] }""", "is malformed")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "customers", "Customers": [ { "Email": "nobody@example.com" } ] } ] }""", "Enter a last name or a company.")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "customers", "Customers": [ { "LastName": "A", "Registered": true } ] } ] }""", "a registered customer needs an email")]
    [InlineData("""{ "name": "x", "steps": [ { "name": "settings", "SiteName": 42 } ] }""", "is malformed")]
    public async Task Invalid_steps_are_named_in_the_message(string json, string expected)
    {
        WriteRecipe("x", json);
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null, RecipesFolder = _recipes });
        using var client = site.CreateSiteClient();

        using var response = await client.PostFormAsync("/setup", SetupForm("x"));

        Assert.Contains(expected, Html.FieldError(await response.Content.ReadAsStringAsync(), "Recipe"), StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await CountsAsync(site));
    }

    [Fact]
    public async Task Unattended_setup_with_a_malformed_recipe_file_stops_the_host_with_the_line_and_writes_nothing()
    {
        var path = Path.Combine(_recipes, "broken.json");
        await File.WriteAllTextAsync(path, "{\n  \"name\": \"broken\",\n  \"steps\": [ { \"name\": \"feature\" ]\n}");
        var site = new TestSite(new TestSiteOptions { SetupRecipe = path });

        var exception = Assert.ThrowsAny<Exception>(() => site.Server);

        var setupError = exception as UnattendedSetupException ?? Assert.IsType<UnattendedSetupException>(exception.GetBaseException());
        Assert.Contains("broken.json", setupError.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", setupError.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(TestSite.AdminPassword, setupError.Message, StringComparison.Ordinal);

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(site.DataFolder, "customers.db")}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM SiteSettings) + (SELECT COUNT(*) FROM AspNetUsers) + (SELECT COUNT(*) FROM Customers)";
        Assert.Equal(0L, await command.ExecuteScalarAsync());
        await connection.CloseAsync();
        await site.DisposeAsync();
    }

    [Fact]
    public async Task The_blank_recipe_gives_an_empty_customers_list()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = "blank" });
        using var client = site.CreateSiteClient();
        await client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);

        // A new site requires staff to use a second factor: the administrator sets one up first.
        Assert.StartsWith("/account/security", Html.RedirectPath(await client.GetAsync("/admin/customers")), StringComparison.Ordinal);
        await TwoFactorClient.EnableAsync(client, DateTimeOffset.UtcNow);
        var list = await client.GetPageAsync("/admin/customers");

        Assert.Empty(Html.CustomerRows(list));
        Assert.Contains("There are no customers yet.", list, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_feature_the_customers_application_does_not_exist()
    {
        WriteRecipe("no-feature", """{ "name": "no-feature", "steps": [ { "name": "settings", "SiteName": "Bare" } ] }""");
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = "no-feature", RecipesFolder = _recipes });
        using var client = site.CreateSiteClient();
        await client.SignInAsync(TestSite.AdminEmail, TestSite.AdminPassword);
        await TwoFactorClient.EnableAsync(client, DateTimeOffset.UtcNow);

        using var list = await client.GetAsync("/admin/customers");

        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.DoesNotContain("href=\"/admin/customers\"", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static KeyValuePair<string, string>[] SetupForm(string recipe) =>
    [
        new("SiteName", "Corner shop"),
        new("AdminEmail", "owner@example.com"),
        new("AdminPassword", "Owner-Passw0rd!"),
        new("ConfirmPassword", "Owner-Passw0rd!"),
        new("Recipe", recipe),
    ];

    private void WriteRecipe(string name, string json) => File.WriteAllText(Path.Combine(_recipes, name + ".recipe.json"), json);

    private static Task<(int Settings, int Users, int Customers)> CountsAsync(TestSite site) => site.WithDbAsync(async db =>
        (await db.SiteSettings.CountAsync(), await db.Users.CountAsync(), await db.Customers.CountAsync()));
}
