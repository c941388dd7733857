using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Setup;

/// <summary>
/// Configuration section <c>Setup</c>: set-up without a browser. The host maps
/// <c>--recipe</c>, <c>--admin-email</c>, <c>--admin-password</c> and <c>--site-name</c> onto it;
/// environment variables such as <c>Setup__AdminEmail</c> work too.
/// </summary>
public sealed class UnattendedSetupOptions
{
    public const string SectionName = "Setup";

    public string? SiteName { get; set; }
    public string? AdminEmail { get; set; }
    public string? AdminPassword { get; set; }
    public string? Recipe { get; set; }

    /// <summary>The site's public address for links in emails, such as <c>https://shop.example</c>.</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>Raised when unattended set-up was asked for and could not be done; the host should stop.</summary>
public sealed class UnattendedSetupException(string message) : Exception(message);

internal static class UnattendedSetup
{
    public static async Task RunIfRequestedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<UnattendedSetupOptions>>().Value;
        if (string.IsNullOrWhiteSpace(options.AdminEmail) && string.IsNullOrWhiteSpace(options.Recipe))
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(UnattendedSetup));
        if (await scope.ServiceProvider.GetRequiredService<SetupState>().IsSetUpAsync(cancellationToken))
        {
            logger.LogInformation("Unattended set-up skipped: the site is already set up.");
            return;
        }

        var request = new SetupRequest
        {
            SiteName = string.IsNullOrWhiteSpace(options.SiteName) ? "Commerce" : options.SiteName,
            AdminEmail = options.AdminEmail ?? "",
            AdminPassword = options.AdminPassword ?? "",
            Recipe = string.IsNullOrWhiteSpace(options.Recipe) ? "blank" : options.Recipe,
            BaseUrl = options.BaseUrl,
        };

        var result = await scope.ServiceProvider.GetRequiredService<SiteSetupService>().SetupAsync(request, cancellationToken);
        if (!result.Succeeded)
        {
            // Messages name fields and recipe problems; they never contain the password.
            var problems = string.Join(Environment.NewLine, result.Errors.Select(error => $"  {(error.Field.Length > 0 ? error.Field + ": " : "")}{error.Message}"));
            throw new UnattendedSetupException($"Unattended set-up failed; nothing was changed.{Environment.NewLine}{problems}");
        }

        logger.LogInformation("Unattended set-up completed for {AdminEmail} with the recipe {Recipe}.", request.AdminEmail, request.Recipe);
    }
}
