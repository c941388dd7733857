using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Recipes.Steps;

public sealed class SettingsStepModel : RecipeStepModel
{
    public string? SiteName { get; set; }

    /// <summary>The Customer accounts settings, such as <c>{ "MinimumPasswordStrength": "Strong" }</c>.</summary>
    public CustomerAccountSettings? CustomerAccounts { get; set; }

    /// <summary>The site's language and time zone, such as <c>{ "Culture": "de", "TimeZone": "Europe/Berlin" }</c>.</summary>
    public RegionalSettings? Regional { get; set; }
}

/// <summary><c>{ "name": "settings", "SiteName": "My shop", "CustomerAccounts": { "NotificationMode": "EmailSetPasswordLink" }, "Regional": { "Culture": "de", "TimeZone": "Europe/Berlin" } }</c></summary>
internal sealed class SettingsStep(CustomersDbContext db, CustomerAccountSettingsStore accountSettings, RegionalSettingsStore regionalSettings, IStringLocalizer<SettingsStep> S) : RecipeStepHandler<SettingsStepModel>
{
    public override string StepName => "settings";

    protected override IEnumerable<string> Validate(SettingsStepModel step)
    {
        if (step.SiteName is not null && (string.IsNullOrWhiteSpace(step.SiteName) || step.SiteName.Length > SiteSettings.SiteNameMaxLength))
        {
            yield return $"SiteName must be between 1 and {SiteSettings.SiteNameMaxLength} characters.";
        }

        foreach (var problem in step.CustomerAccounts?.Validate(S) ?? [])
        {
            yield return $"CustomerAccounts: {problem}";
        }

        foreach (var problem in step.Regional?.Validate() ?? [])
        {
            yield return $"Regional: {problem}";
        }
    }

    protected override async Task ExecuteAsync(SettingsStepModel step, CancellationToken cancellationToken)
    {
        var settings = await db.SiteSettings.SingleAsync(cancellationToken);
        if (step.SiteName is not null)
        {
            settings.SiteName = step.SiteName.Trim();
        }

        if (step.CustomerAccounts is not null)
        {
            await accountSettings.SetAsync(step.CustomerAccounts, cancellationToken);
        }

        if (step.Regional is not null)
        {
            await regionalSettings.SetAsync(step.Regional, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
