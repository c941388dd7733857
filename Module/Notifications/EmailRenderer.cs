using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace Commerce.Customers.Notifications;

/// <summary>A template's three parts as Liquid source.</summary>
public sealed record EmailTemplateSource(string Name, string Subject, string HtmlBody, string TextBody, bool IsCustomized);

public sealed record RenderedEmail(string Subject, string HtmlBody, string TextBody);

/// <summary>
/// Renders email templates with Fluid. The HTML body is HTML-encoded, so a customer named
/// <c>&lt;script&gt;</c> arrives as text; the subject and text body are plain text. Every render is
/// bounded (<see cref="EmailRenderLimits"/>); one that is not fails with <see cref="EmailTemplateRefusedException"/>.
/// </summary>
public sealed class EmailRenderer
{
    private const int MaxCachedTemplates = 200;

    private static readonly FluidParser Parser = new();
    private readonly TemplateOptions _options;
    private readonly EmailRenderLimits _limits;
    private readonly ConcurrentDictionary<string, IFluidTemplate> _parsed = new(StringComparer.Ordinal);

    public EmailRenderer()
        : this(new EmailRenderLimits())
    {
    }

    public EmailRenderer(EmailRenderLimits limits)
    {
        _limits = limits;
        _options = new TemplateOptions { MaxSteps = limits.MaxSteps, MaxRecursion = limits.MaxRecursion };
        _options.MemberAccessStrategy.MemberNameStrategy = MemberNameStrategies.SnakeCase;
        // Only the model's own types are readable from a template: nothing else of the process leaks.
        _options.MemberAccessStrategy.Register<EmailModel>();
        _options.MemberAccessStrategy.Register<EmailCustomer>();
        _options.MemberAccessStrategy.Register<EmailSite>();
        _options.MemberAccessStrategy.Register<EmailMembership>();
        _options.MemberAccessStrategy.Register<EmailNotice>();
        // A loop of assignments writes nothing, so the clock is also read at each one.
        _options.Assigned = (_, value, context) =>
        {
            RenderBudget.Of(context).CheckTime();
            return new ValueTask<FluidValue>(value);
        };
        BoundedFilters.Apply(_options.Filters);
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
        var budget = new RenderBudget(_limits);
        var context = new TemplateContext(model, _options);
        budget.AttachTo(context);
        try
        {
            var subject = await RenderPartAsync(source.Subject, context, NullEncoder.Default, budget);
            var html = await RenderPartAsync(source.HtmlBody, context, HtmlEncoder.Default, budget);
            var text = await RenderPartAsync(source.TextBody, context, NullEncoder.Default, budget);

            // A subject is one header line: line breaks could smuggle in headers.
            subject = string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            return new RenderedEmail(subject, html, text);
        }
        catch (EmailTemplateRefusedException)
        {
            throw;
        }
        catch (InvalidOperationException exception) when (exception.Message.StartsWith("The maximum ", StringComparison.Ordinal))
        {
            // Fluid's step and recursion limits (it words both as recursion).
            throw new EmailTemplateRefusedException(EmailTemplateProblem.TooManySteps, _limits.MaxSteps, inner: exception, depth: _limits.MaxRecursion);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new EmailTemplateRefusedException(EmailTemplateProblem.Fails, detail: exception.Message, inner: exception);
        }
    }

    private async Task<string> RenderPartAsync(string source, TemplateContext context, TextEncoder encoder, RenderBudget budget)
    {
        using var writer = new BudgetWriter(budget);
        await Parse(source).RenderAsync(writer, encoder, context);
        return writer.ToString();
    }

    private IFluidTemplate Parse(string source)
    {
        if (_parsed.TryGetValue(source, out var cached))
        {
            return cached;
        }

        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new EmailTemplateRefusedException(EmailTemplateProblem.Fails, detail: error);
        }

        template = BoundedTemplateRewriter.Rewrite(template);
        if (_parsed.Count >= MaxCachedTemplates)
        {
            _parsed.Clear();
        }

        _parsed[source] = template;
        return template;
    }
}
