using System.Security.Cryptography;
using System.Text.Encodings.Web;
using Commerce.Customers.Services;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Notifications;

/// <summary>
/// Renders a template against sample data before it is saved or previewed, and refuses it with the
/// reason if it fails, exceeds the rendering bounds, or could carry its password or link off the site.
/// </summary>
public sealed class EmailTemplateChecker(EmailRenderer renderer, IStringLocalizer<EmailTemplateChecker> S)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    public async Task<IReadOnlyList<FieldError>> CheckAsync(EmailTemplateDefinition definition, string subject, string htmlBody, string textBody, string siteName, string siteBaseUrl)
    {
        var parts = new (string Field, string Label)[]
        {
            (nameof(EmailTemplateSource.Subject), S["The subject"]),
            (nameof(EmailTemplateSource.HtmlBody), S["The HTML body"]),
            (nameof(EmailTemplateSource.TextBody), S["The text body"]),
        };
        var source = new EmailTemplateSource(definition.Name, subject, htmlBody, textBody, IsCustomized: true);
        var sample = EmailTemplateDefinitions.SampleModel(siteName, siteBaseUrl);
        var errors = new List<FieldError>();

        // The parts render together, as they are sent: a variable assigned in one is seen by the others.
        var first = SecretProbe.Create(definition.Secret, siteBaseUrl);
        var rendered = await TryRenderAsync(source, sample.WithSecret(definition.Secret, first.Secret), parts, errors);
        if (rendered is null || definition.Secret == EmailSecretKind.None)
        {
            return errors;
        }

        // Anything but the secret itself, unchanged, could be an encoding of it that no reading recognizes.
        var second = SecretProbe.Create(definition.Secret, siteBaseUrl);
        var again = await TryRenderAsync(source, sample.WithSecret(definition.Secret, second.Secret), parts, errors);
        foreach (var (field, label) in parts)
        {
            var html = field == nameof(EmailTemplateSource.HtmlBody);
            var text = Part(rendered, field);
            var host = html ? SecretPlacement.ForeignHostInHtml(text, first.Marker, siteBaseUrl) : SecretPlacement.ForeignHostInText(text, first.Marker, siteBaseUrl);
            if (host is not null)
            {
                errors.Add(new(field, S["{0} places {1} in an address on another host ({2}). A password or link may only lead to the site's own address, {3}.", label, Variable(definition.Secret), host, siteBaseUrl]));
            }
            else if (again is not null && first.Mask(text, html) != second.Mask(Part(again, field), html))
            {
                errors.Add(new(field, S["{0} changes {1} with a filter or condition. It may use it only as it is: a changed copy could carry it to another host unnoticed.", label, Variable(definition.Secret)]));
            }
        }

        return errors;
    }

    private static string Part(RenderedEmail email, string field) => field switch
    {
        nameof(EmailTemplateSource.Subject) => email.Subject,
        nameof(EmailTemplateSource.HtmlBody) => email.HtmlBody,
        _ => email.TextBody,
    };

    /// <summary>The rendered email, or null with the reason added, naming the part at fault where one fails on its own.</summary>
    private async Task<RenderedEmail?> TryRenderAsync(EmailTemplateSource source, EmailModel model, (string Field, string Label)[] parts, List<FieldError> errors)
    {
        try
        {
            return await renderer.RenderAsync(source, model);
        }
        catch (EmailTemplateRefusedException refused)
        {
            var before = errors.Count;
            foreach (var (field, label) in parts)
            {
                var only = new EmailTemplateSource(
                    source.Name,
                    field == nameof(EmailTemplateSource.Subject) ? source.Subject : "",
                    field == nameof(EmailTemplateSource.HtmlBody) ? source.HtmlBody : "",
                    field == nameof(EmailTemplateSource.TextBody) ? source.TextBody : "",
                    IsCustomized: true);
                try
                {
                    await renderer.RenderAsync(only, model);
                }
                catch (EmailTemplateRefusedException alone)
                {
                    errors.Add(new(field, Describe(alone, label)));
                }
            }

            // Only the parts together fail (each within the bounds alone): the message goes above the form.
            if (errors.Count == before)
            {
                errors.Add(new("", Describe(refused, S["The template"])));
            }

            return null;
        }
    }

    private string Describe(EmailTemplateRefusedException refused, string label) => refused.Problem switch
    {
        EmailTemplateProblem.IncludeNotAvailable => S["{0} uses include or render, which email templates cannot: there are no other templates to include.", label],
        EmailTemplateProblem.TooManySteps => S["{0} takes more than {1} steps to render with sample data, or nests tags more than {2} levels deep. Make its loops smaller.", label, refused.Limit, refused.Depth],
        EmailTemplateProblem.TooManyCharacters => S["{0} makes more than {1} characters with sample data.", label, refused.Limit],
        EmailTemplateProblem.TooManyItems => S["{0} makes a list of more than {1} items.", label, refused.Limit],
        EmailTemplateProblem.TooSlow => S["{0} takes longer than {1} ms to render with sample data.", label, refused.Limit],
        _ => S["{0} fails with sample data: {1}", label, refused.Detail ?? ""],
    };

    private static string Variable(EmailSecretKind kind) => kind == EmailSecretKind.Password ? "{{ password }}" : "{{ link }}";

    /// <summary>
    /// A stand-in secret: a password, or a set-password link on the site's address. <see cref="Marker"/> is
    /// the part that survives encodings such as url_encode, so it is what is looked for in addresses.
    /// </summary>
    private sealed record SecretProbe(string Secret, string Marker)
    {
        public static SecretProbe Create(EmailSecretKind kind, string siteBaseUrl)
        {
            var marker = RandomNumberGenerator.GetString(Alphabet, 24);
            return kind == EmailSecretKind.Link
                ? new($"{siteBaseUrl.TrimEnd('/')}/account/set-password#user={RandomNumberGenerator.GetString(Alphabet, 16)}&token={marker}", marker)
                : new(marker, marker);
        }

        /// <summary>The rendered part with this secret, as the template writes it, replaced by a fixed mark.</summary>
        public string Mask(string rendered, bool htmlEncoded) =>
            rendered.Replace(htmlEncoded ? HtmlEncoder.Default.Encode(Secret) : Secret, "\u0001", StringComparison.Ordinal);
    }
}
