using Commerce.Customers.Localization;
using Commerce.Customers.Notifications;
using Commerce.Customers.Services;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// The "Email templates" page: list, edit, preview with sample data, reset to default. A template
/// that carries a password or a link can send every customer's secret anywhere, so changing it also
/// needs <see cref="Permissions.ManageSecretTemplates"/>.
/// </summary>
[Route("admin/email-templates")]
[Authorize(Policy = nameof(Permissions.ManageCustomerSettings))]
[RequireFeature(Manifest.CustomersFeatureId)]
public sealed class EmailTemplatesController(
    EmailTemplateStore templates,
    EmailRenderer renderer,
    SiteSettingsStore siteSettings,
    SiteUrls siteUrls,
    IAuthorizationService authorization,
    IStringLocalizer<EmailTemplatesController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var customized = await templates.CustomizedAsync(cancellationToken);
        return View(EmailTemplateDefinitions.All
            .Select(definition => new EmailTemplateListItem(definition, customized.Where(version => version.Name == definition.Name).ToList()))
            .ToList());
    }

    [HttpGet("{name}")]
    public async Task<IActionResult> Edit(string name, string? language, CancellationToken cancellationToken)
    {
        if (EmailTemplateDefinitions.Find(name) is not { } definition || Culture(language) is not { } culture)
        {
            return NotFound();
        }

        var source = await templates.GetAsync(name, culture, cancellationToken);
        var model = Model(definition, culture, source.IsCustomized, source.Subject, source.HtmlBody, source.TextBody);
        model.CanChange = await MayChangeAsync(definition);
        if (!model.CanChange)
        {
            ModelState.AddModelError("", ReservedMessage());
        }

        return View(model);
    }

    [HttpPost("{name}")]
    [ActionName(nameof(Edit))]
    public async Task<IActionResult> EditPost(string name, string? language, EmailTemplateEditViewModel posted, CancellationToken cancellationToken)
    {
        if (EmailTemplateDefinitions.Find(name) is not { } definition || Culture(language) is not { } culture)
        {
            return NotFound();
        }

        var current = await templates.GetAsync(name, culture, cancellationToken);
        var model = Model(definition, culture, current.IsCustomized, posted.Subject, posted.HtmlBody, posted.TextBody);
        if (!await MayChangeAsync(definition))
        {
            return Refused(model);
        }

        var site = await siteSettings.GetAsync(cancellationToken);
        var siteName = site?.SiteName ?? "";
        var baseUrl = await siteUrls.BaseUrlAsync(cancellationToken);
        var preview = string.Equals(posted.Submit, "preview", StringComparison.Ordinal);
        // A preview obeys the same checks as a save: it renders the same template.
        var errors = preview
            ? await templates.ValidateAsync(name, posted.Subject, posted.HtmlBody, posted.TextBody, siteName, baseUrl)
            : await templates.SaveAsync(name, culture, posted.Subject, posted.HtmlBody, posted.TextBody, siteName, baseUrl, User.Identity?.Name, cancellationToken);

        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        if (errors.Count > 0)
        {
            return View(model);
        }

        if (preview)
        {
            var source = new EmailTemplateSource(name, posted.Subject!, posted.HtmlBody!, posted.TextBody!, current.IsCustomized);
            model.Preview = await renderer.RenderAsync(source, EmailTemplateDefinitions.SampleModel(siteName, baseUrl));
            return View(model);
        }

        TempData.Success(S["The template {0} was saved.", S[definition.DisplayName]]);
        return Redirect(EditUrl(name, culture));
    }

    [HttpPost("{name}/reset")]
    public async Task<IActionResult> Reset(string name, string? language, CancellationToken cancellationToken)
    {
        if (EmailTemplateDefinitions.Find(name) is not { } definition || Culture(language) is not { } culture)
        {
            return NotFound();
        }

        if (!await MayChangeAsync(definition))
        {
            var current = await templates.GetAsync(name, culture, cancellationToken);
            return Refused(Model(definition, culture, current.IsCustomized, current.Subject, current.HtmlBody, current.TextBody));
        }

        await templates.ResetAsync(name, culture, cancellationToken);
        TempData.Success(S["The template {0} was reset to its default.", S[definition.DisplayName]]);
        return Redirect(EditUrl(name, culture));
    }

    /// <summary>The edited language: English when the address names none, null for one the module does not speak.</summary>
    private static string? Culture(string? language) =>
        string.IsNullOrEmpty(language) ? SupportedCultures.English : SupportedCultures.Names.FirstOrDefault(name => name == language);

    public static string EditUrl(string name, string culture) =>
        $"/admin/email-templates/{name}" + (culture == SupportedCultures.English ? "" : $"?language={culture}");

    private async Task<bool> MayChangeAsync(EmailTemplateDefinition definition) =>
        definition.Secret == EmailSecretKind.None || (await authorization.AuthorizeAsync(User, nameof(Permissions.ManageSecretTemplates))).Succeeded;

    /// <summary>403 with the page and the reason, so the refusal says why and nothing is changed.</summary>
    private ViewResult Refused(EmailTemplateEditViewModel model)
    {
        model.CanChange = false;
        ModelState.AddModelError("", ReservedMessage());
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View(nameof(Edit), model);
    }

    private string ReservedMessage() =>
        S["Only an administrator can change templates that carry a password or a link (the permission \"{0}\"): such a template could send every customer's secret anywhere.", Permissions.ManageSecretTemplates.Description];

    private EmailTemplateEditViewModel Model(EmailTemplateDefinition definition, string culture, bool isCustomized, string? subject, string? html, string? text) => new()
    {
        Name = definition.Name,
        Culture = culture,
        DisplayName = S[definition.DisplayName],
        Description = S[definition.Description],
        IsCustomized = isCustomized,
        Subject = subject,
        HtmlBody = html,
        TextBody = text,
    };
}
