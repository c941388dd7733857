using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// The set-up screen, the one form a site shows before it has an administrator, under the same
/// generated hostile input as every other form: never a 500, every refusal says why, and the
/// site stays unset with nothing written.
/// </summary>
public sealed class HostileSetupTests
{
    private static readonly int Cases = TestScale.HostileCases;
    private const string Password = "Setup-Passw0rd-2026!";
    private static readonly string[] Fields = ["SiteName", "AdminEmail", "AdminPassword", "Recipe"];

    [Fact]
    public async Task The_setup_screen_never_fails_and_sets_nothing_up_whatever_is_typed()
    {
        await using var site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null });
        using var visitor = site.CreateSiteClient();
        var before = await DatabaseSnapshot.TakeAsync(site);
        var failures = new List<string>();
        var inputs = HostileInputs.Generate(seed: 8888, Cases);
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = Fields[i % Fields.Length];
            using var response = await visitor.PostFormAsync("/setup", RefusedFilling(field, inputs[i].Value));
            var where = $"Setup [{field}] = {inputs[i]}";
            if (response.StatusCode != HttpStatusCode.OK && response.StatusCode != HttpStatusCode.BadRequest)
            {
                failures.Add($"{where}: HTTP {(int)response.StatusCode}");
            }
            else if (response.StatusCode == HttpStatusCode.OK && !HostileForm.ShowsAMessage(await response.Content.ReadAsStringAsync()))
            {
                failures.Add($"{where}: refused without a message");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {Cases} cases went wrong:\n{string.Join('\n', failures.Take(40))}");
        Assert.Equal(before, await DatabaseSnapshot.TakeAsync(site));
        Assert.False(await site.WithDbAsync(db => db.SiteSettings.AnyAsync()));
    }

    /// <summary>
    /// The hostile value in <paramref name="field"/>, and another field wrong on purpose so that
    /// every case is refused: the hostile value still goes through all of set-up's checks, which
    /// report every problem at once, and the site is left waiting for a real set-up.
    /// </summary>
    private static List<KeyValuePair<string, string>> RefusedFilling(string field, string hostile)
    {
        var fields = new Dictionary<string, string>
        {
            ["SiteName"] = "Hostile shop",
            ["AdminEmail"] = "owner@example.com",
            ["AdminPassword"] = Password,
            ["ConfirmPassword"] = Password,
            ["Recipe"] = field == "Recipe" ? "blank" : "no-such-recipe",
        };
        if (field == "Recipe")
        {
            fields["AdminEmail"] = "not an email";
        }

        fields[field] = hostile;
        if (field == "AdminPassword")
        {
            fields["ConfirmPassword"] = hostile;
        }

        return [.. fields];
    }
}
