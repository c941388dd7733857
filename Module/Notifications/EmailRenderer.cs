using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;

namespace Commerce.Customers.Notifications;

/// <summary>A template's three parts as Liquid source.</summary>
public sealed record EmailTemplateSource(string Name, string Subject, string HtmlBody, string TextBody, bool IsCustomized);

public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);

/// <summary>
/// Renders email templates with Fluid. The HTML body is HTML-encoded, so a customer named
/// <c>&lt;script&gt;</c> arrives as text; the subject and text body are plain text.
/// </summary>
public sealed class EmailRenderer
{
    private const int MaxCachedTemplates = 200;

    private static readonly FluidParser Parser = new();
    private readonly TemplateOptions _options;
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

    public EmailRenderer()
    {
        _options = new TemplateOptions();
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        // Only the model's own types are readable from a template: nothing else of the process leaks.
        _options.MemberAccessStrategy.Register<EmailModel>();
        _options.MemberAccessStrategy.Register<EmailCustomer>();
        _options.MemberAccessStrategy.Register<EmailSite>();
        _options.MemberAccessStrategy.Register<EmailMembership>();
    }

    /// <summary>Checks Liquid syntax; <paramref name="error"/> is the parser's message.</summary>
    public static bool TryParse(string source, out string? error)
    {
        if (Parser.TryParse(source, out _, out var message))
        {
            error = null;
            return true;
        }

        error = message;
        return false;
    }

    public async Task<RenderedEmail> RenderAsync(EmailTemplateSource source, EmailModel model)
    {
        var context = new TemplateContext(model, _options);
        var subject = await Parse(source.Subject).RenderAsync(context, NullEncoder.Default);
        var html = await Parse(source.HtmlBody).RenderAsync(context, HtmlEncoder.Default);
        var text = await Parse(source.TextBody).RenderAsync(context, NullEncoder.Default);

        // A subject is one header line: line breaks could smuggle in headers.
        subject = string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return new RenderedEmail(subject, html, text);
    }

    private IFluidTemplate Parse(string source)
    {
        if (_parsed.TryGetValue(source, out var cached))
        {
            return cached;
        }

        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new InvalidOperationException($"The email template cannot be parsed: {error}");
        }

        if (_parsed.Count >= MaxCachedTemplates)
        {
            _parsed.Clear();
        }

        _parsed[source] = template;
        return template;
    }
}
