using Commerce.Customers.Data;
using Commerce.Customers.Notifications;
using Commerce.Customers.Services;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Controllers;

/// <summary>The "Email settings" page: the active transport and sender, and a test email sent at once.</summary>
[Route("admin/email-settings")]
[Authorize(Policy = nameof(Permissions.ManageCustomerSettings))]
[RequireFeature(Manifest.CustomersFeatureId)]
public sealed class EmailSettingsController(
    CustomersDbContext db,
    IEmailTransport transport,
    EmailMessageFactory messageFactory,
    SiteSettingsStore siteSettings,
    SiteUrls siteUrls,
    IOptions<EmailOptions> options,
    IAuthorizationService authorization,
    IStringLocalizer<EmailSettingsController> S,
    ILogger<EmailSettingsController> logger) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index() => View(await ModelAsync(User.Identity?.Name));

    /// <summary>Sends directly rather than through the outbox, so the admin sees the server's answer now.</summary>
    [HttpPost("test")]
    public async Task<IActionResult> SendTest([FromForm] string? testRecipient, CancellationToken cancellationToken)
    {
        var model = await ModelAsync(testRecipient);
        var recipient = testRecipient?.Trim();
        if (string.IsNullOrEmpty(recipient) || !CustomerValidator.IsValidEmail(recipient))
        {
            ModelState.AddModelError(nameof(EmailSettingsViewModel.TestRecipient), S["Enter a valid email address to send the test to."]);
            return View(nameof(Index), model);
        }

        var site = await siteSettings.GetAsync(cancellationToken);
        var siteName = site?.SiteName ?? "";
        var email = new RenderedEmail(
            S["Test email from {0}", siteName],
            $"<p>{System.Net.WebUtility.HtmlEncode(S["This is a test email from {0}. Email delivery works.", siteName])}</p>",
            S["This is a test email from {0}. Email delivery works.", siteName]);
        var message = messageFactory.Create(email, recipient, null, MessageIds.ForSite($"{Request.Scheme}://{Request.Host}"), siteName);
        try
        {
            await using var session = await transport.OpenAsync(cancellationToken);
            await session.SendAsync(message, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "The test email could not be sent.");
            ModelState.AddModelError(nameof(EmailSettingsViewModel.TestRecipient), S["The test email could not be sent: {0}", exception.Message]);
            return View(nameof(Index), model);
        }

        TempData.Success(S["A test email was sent to {0} through {1}.", recipient, transport.Describe(S)]);
        return RedirectToAction(nameof(Index));
    }

    /// <summary>
    /// Changes the kept address that links in emails use; a configured <c>SiteBaseUrl</c> still wins over it.
    /// Whoever changes it decides where every reset link leads, so it needs <see cref="Permissions.ManageSecretTemplates"/> too.
    /// </summary>
    [HttpPost("site-address")]
    public async Task<IActionResult> SaveSiteAddress([FromForm] string? siteAddress, CancellationToken cancellationToken)
    {
        if (!(await authorization.AuthorizeAsync(User, nameof(Permissions.ManageSecretTemplates))).Succeeded)
        {
            var refused = await ModelAsync(User.Identity?.Name);
            ModelState.AddModelError(nameof(EmailSettingsViewModel.SiteAddress), S["Only an administrator can change the site address (the permission \"{0}\"): every password reset link leads to it.", Permissions.ManageSecretTemplates.Description]);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return View(nameof(Index), refused);
        }

        var address = SiteUrls.Normalize(siteAddress);
        if (address is null)
        {
            var model = await ModelAsync(User.Identity?.Name);
            model.SiteAddress = siteAddress;
            ModelState.AddModelError(nameof(EmailSettingsViewModel.SiteAddress), S["Enter the site's address as an absolute http or https address, such as https://shop.example."]);
            return View(nameof(Index), model);
        }

        var settings = await db.SiteSettings.SingleAsync(cancellationToken);
        settings.BaseUrl = address;
        await db.SaveChangesAsync(cancellationToken);
        TempData.Success(S["Links in emails now use {0}.", address]);
        return RedirectToAction(nameof(Index));
    }

    private async Task<EmailSettingsViewModel> ModelAsync(string? recipient)
    {
        var site = await siteSettings.GetAsync();
        var email = options.Value;
        var fromName = string.IsNullOrWhiteSpace(email.FromName) ? site?.SiteName : email.FromName;
        return new EmailSettingsViewModel
        {
            Transport = transport.Describe(S),
            From = $"{fromName} <{email.FromAddress}>",
            TestRecipient = recipient,
            Dispatcher = email.Dispatcher,
            LinksTo = await siteUrls.KnownAsync(),
            SiteAddress = site?.BaseUrl,
            CanChangeSiteAddress = (await authorization.AuthorizeAsync(User, nameof(Permissions.ManageSecretTemplates))).Succeeded,
        };
    }
}
