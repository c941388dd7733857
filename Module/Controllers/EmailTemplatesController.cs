using Commerce.Customers.Notifications;
using Commerce.Customers.Services;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>The "Email templates" page: list, edit, preview with sample data, reset to default.</summary>
[Route("admin/email-templates")]
[Authorize(Policy = nameof(Permissions.ManageCustomerSettings))]
[RequireFeature(Manifest.CustomersFeatureId)]
public sealed class EmailTemplatesController(
    EmailTemplateStore templates,
    EmailRenderer renderer,
    SiteSettingsStore siteSettings,
    IStringLocalizer<EmailTemplatesController> S) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken cancellationToken)
    {
        var customized = await templates.CustomizedAsync(cancellationToken);
        return View(EmailTemplateDefinitions.All.Select(definition => new EmailTemplateListItem(definition, customized.GetValueOrDefault(definition.Name))).ToList());
    }

    [HttpGet("{name}")]
    public async Task<IActionResult> Edit(string name, CancellationToken cancellationToken)
    {
        if (EmailTemplateDefinitions.Find(name) is not { } definition)
        {
            return NotFound();
        }

        var source = await templates.GetAsync(name, cancellationToken);
        return View(Model(definition, source.IsCustomized, source.Subject, source.HtmlBody, source.TextBody));
    }

    [HttpPost("{name}")]
    [ActionName(nameof(Edit))]
    public async Task<IActionResult> EditPost(string name, EmailTemplateEditViewModel posted, CancellationToken cancellationToken)
    {
        if (EmailTemplateDefinitions.Find(name) is not { } definition)
        {
            return NotFound();
        }

        var current = await templates.GetAsync(name, cancellationToken);
        var model = Model(definition, current.IsCustomized, posted.Subject, posted.HtmlBody, posted.TextBody);
        var errors = string.Equals(posted.Submit, "preview", StringComparison.Ordinal)
            ? templates.Validate(posted.Subject, posted.HtmlBody, posted.TextBody)
            : await templates.SaveAsync(name, posted.Subject, posted.HtmlBody, posted.TextBody, User.Identity?.Name, cancellationToken);

        foreach (var error in errors)
        {
            ModelState.AddModelError(error.Field, error.Message);
        }

        if (errors.Count > 0)
        {
            return View(model);
        }

        if (string.Equals(posted.Submit, "preview", StringComparison.Ordinal))
        {
            var site = await siteSettings.GetAsync(cancellationToken);
            var source = new EmailTemplateSource(name, posted.Subject!, posted.HtmlBody!, posted.TextBody!, current.IsCustomized);
            model.Preview = await renderer.RenderAsync(source, EmailTemplateDefinitions.SampleModel(site?.SiteName ?? "", $"{Request.Scheme}://{Request.Host}"));
            return View(model);
        }

        TempData.Success(S["The template {0} was saved.", definition.DisplayName]);
        return RedirectToAction(nameof(Edit), new { name });
    }

    [HttpPost("{name}/reset")]
    public async Task<IActionResult> Reset(string name, CancellationToken cancellationToken)
    {
        if (EmailTemplateDefinitions.Find(name) is not { } definition)
        {
            return NotFound();
        }

        await templates.ResetAsync(name, cancellationToken);
        TempData.Success(S["The template {0} was reset to its default.", definition.DisplayName]);
        return RedirectToAction(nameof(Edit), new { name });
    }

    private static EmailTemplateEditViewModel Model(EmailTemplateDefinition definition, bool isCustomized, string? subject, string? html, string? text) => new()
    {
        Name = definition.Name,
        DisplayName = definition.DisplayName,
        Description = definition.Description,
        IsCustomized = isCustomized,
        Subject = subject,
        HtmlBody = html,
        TextBody = text,
    };
}
