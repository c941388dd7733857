using Commerce.Customers.Data;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Notifications;

/// <summary>
/// The effective email templates, one per language: an administrator's version where one was saved
/// for that language, else the text the module ships in it, else the English one (the administrator's,
/// else the default) for a language the module ships no text in.
/// </summary>
public sealed class EmailTemplateStore(CustomersDbContext db, EmailTemplateChecker checker, TimeProvider clock, IStringLocalizer<EmailTemplateStore> S)
{
    public async Task<EmailTemplateSource> GetAsync(string name, string culture, CancellationToken cancellationToken = default)
    {
        var definition = EmailTemplateDefinitions.Find(name) ?? throw new ArgumentException($"There is no email template '{name}'.", nameof(name));
        foreach (var language in culture == SupportedCultures.English ? [culture] : new[] { culture, SupportedCultures.English })
        {
            var custom = await db.EmailTemplates.AsNoTracking()
                .SingleOrDefaultAsync(template => template.Name == name && template.Culture == language, cancellationToken);
            if (custom is not null)
            {
                return new EmailTemplateSource(name, custom.Subject, custom.HtmlBody, custom.TextBody, IsCustomized: true);
            }

            if (definition.DefaultIn(language) is { } shipped)
            {
                return new EmailTemplateSource(name, shipped.Subject, shipped.HtmlBody, shipped.TextBody, IsCustomized: false);
            }
        }

        throw new InvalidOperationException($"The template '{name}' has no English text.");
    }

    /// <summary>Every administrator's version, of every template in every language.</summary>
    public async Task<IReadOnlyList<EmailTemplate>> CustomizedAsync(CancellationToken cancellationToken = default) =>
        await db.EmailTemplates.AsNoTracking().ToListAsync(cancellationToken);

    /// <summary>
    /// Checks the three parts: a Liquid syntax error is reported with the parser's message, then the
    /// template is rendered against sample data on <paramref name="siteBaseUrl"/> (<see cref="EmailTemplateChecker"/>).
    /// </summary>
    public async Task<IReadOnlyList<FieldError>> ValidateAsync(string name, string? subject, string? htmlBody, string? textBody, string siteName, string siteBaseUrl)
    {
        var definition = EmailTemplateDefinitions.Find(name) ?? throw new ArgumentException($"There is no email template '{name}'.", nameof(name));
        var errors = new List<FieldError>();
        Check(nameof(EmailTemplate.Subject), S["The subject"], subject, EmailTemplate.SubjectMaxLength, errors);
        Check(nameof(EmailTemplate.HtmlBody), S["The HTML body"], htmlBody, EmailTemplate.BodyMaxLength, errors);
        Check(nameof(EmailTemplate.TextBody), S["The text body"], textBody, EmailTemplate.BodyMaxLength, errors);
        return errors.Count > 0 ? errors : await checker.CheckAsync(definition, subject!, htmlBody!, textBody!, siteName, siteBaseUrl);
    }

    /// <summary>Saves an administrator's version; nothing is saved when any part is invalid.</summary>
    public async Task<IReadOnlyList<FieldError>> SaveAsync(string name, string culture, string? subject, string? htmlBody, string? textBody, string siteName, string siteBaseUrl, string? userName, CancellationToken cancellationToken = default)
    {
        var errors = await ValidateAsync(name, subject, htmlBody, textBody, siteName, siteBaseUrl);
        if (errors.Count > 0)
        {
            return errors;
        }

        var template = await db.EmailTemplates.SingleOrDefaultAsync(t => t.Name == name && t.Culture == culture, cancellationToken);
        if (template is null)
        {
            template = new EmailTemplate { Name = name, Culture = culture };
            db.EmailTemplates.Add(template);
        }

        template.Subject = subject!;
        template.HtmlBody = htmlBody!;
        template.TextBody = textBody!;
        template.UpdatedUtc = clock.GetUtcNow().UtcDateTime;
        template.UpdatedBy = userName;
        await db.SaveChangesAsync(cancellationToken);
        return [];
    }

    public async Task ResetAsync(string name, string culture, CancellationToken cancellationToken = default) =>
        await db.EmailTemplates.Where(template => template.Name == name && template.Culture == culture).ExecuteDeleteAsync(cancellationToken);

    private void Check(string field, string label, string? source, int maxLength, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            errors.Add(new(field, S["{0} is empty.", label]));
        }
        else if (source.Length > maxLength)
        {
            errors.Add(new(field, S["{0} is longer than {1} characters.", label, maxLength]));
        }
        else if (!EmailRenderer.TryParse(source, out var error))
        {
            errors.Add(new(field, S["{0} is not valid Liquid: {1}", label, error!]));
        }
    }
}
