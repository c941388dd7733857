using Commerce.Customers.Setup;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// 300 malformed recipe files through set-up (the path unattended set-up and the setup screen
/// share): each is refused with a message, nothing throws, and nothing is written.
/// </summary>
public sealed class HostileRecipeTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "commerce-hostile-recipes-" + Guid.NewGuid().ToString("N")[..12]);
    private TestSite _site = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        _site = await TestSite.StartAsync(new TestSiteOptions { SetupRecipe = null });
    }

    public async Task DisposeAsync()
    {
        await _site.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Malformed_recipes_are_refused_with_a_message_and_write_nothing()
    {
        var before = await DatabaseSnapshot.TakeAsync(_site);
        var failures = new List<string>();
        var files = MalformedRecipes.Generate(seed: 8, count: TestScale.HostileCases);
        for (var i = 0; i < files.Count; i++)
        {
            var path = Path.Combine(_folder, $"hostile-{i}.recipe.json");
            await File.WriteAllBytesAsync(path, files[i].Bytes);
            SetupResult result;
            try
            {
                result = await _site.WithDbAsync((_, services) => services.GetRequiredService<SiteSetupService>().SetupAsync(new SetupRequest
                {
                    SiteName = "Hostile shop", AdminEmail = TestSite.AdminEmail, AdminPassword = TestSite.AdminPassword, Recipe = path,
                }));
            }
            catch (Exception exception)
            {
                failures.Add($"{files[i]}: threw {exception.GetType().Name}: {exception.Message}");
                continue;
            }

            if (result.Succeeded)
            {
                failures.Add($"{files[i]}: was accepted");
                break; // The site is set up now; later cases would only say so.
            }

            if (result.Errors.Any(error => string.IsNullOrWhiteSpace(error.Message)))
            {
                failures.Add($"{files[i]}: refused without a message");
            }

            if (await DatabaseSnapshot.TakeAsync(_site) != before)
            {
                failures.Add($"{files[i]}: refused, but something was written");
                before = await DatabaseSnapshot.TakeAsync(_site);
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(40)));
    }

    [Fact]
    public async Task A_recipe_that_is_fine_is_accepted_so_the_refusals_above_mean_something()
    {
        var path = Path.Combine(_folder, "fine.recipe.json");
        await File.WriteAllTextAsync(path, """{ "name": "fine", "steps": [ { "name": "feature", "enable": [ "Commerce.Customers" ] } ] }""");

        var result = await _site.WithDbAsync((_, services) => services.GetRequiredService<SiteSetupService>().SetupAsync(new SetupRequest
        {
            SiteName = "Fine shop", AdminEmail = TestSite.AdminEmail, AdminPassword = TestSite.AdminPassword, Recipe = path,
        }));

        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(error => error.Message)));
    }
}
