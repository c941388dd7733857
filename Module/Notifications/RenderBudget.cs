using System.Diagnostics;
using System.Text;
using Fluid;

namespace Commerce.Customers.Notifications;

/// <summary>
/// What one email may still spend: characters written (the output and any <c>capture</c>), and time.
/// It rides in the render's <see cref="TemplateContext"/>, so filters and tags see the same budget.
/// </summary>
internal sealed class RenderBudget(EmailRenderLimits limits)
{
    private const string AmbientKey = "Commerce.Customers.RenderBudget";
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private long _remaining = limits.MaxCharacters;

    public EmailRenderLimits Limits { get; } = limits;

    public void AttachTo(TemplateContext context) => context.AmbientValues[AmbientKey] = this;

    public static RenderBudget Of(TemplateContext context) =>
        context.AmbientValues.TryGetValue(AmbientKey, out var budget) ? (RenderBudget)budget : throw new InvalidOperationException("The template is rendered without a budget.");

    public void Spend(int characters)
    {
        _remaining -= characters;
        if (_remaining < 0)
        {
            throw new EmailTemplateRefusedException(EmailTemplateProblem.TooManyCharacters, Limits.MaxCharacters);
        }

        CheckTime();
    }

    public void CheckTime()
    {
        if (_clock.Elapsed > Limits.Timeout)
        {
            throw new EmailTemplateRefusedException(EmailTemplateProblem.TooSlow, (long)Limits.Timeout.TotalMilliseconds);
        }
    }

    public void CheckLength(long characters)
    {
        if (characters > Limits.MaxCharacters)
        {
            throw new EmailTemplateRefusedException(EmailTemplateProblem.TooManyCharacters, Limits.MaxCharacters);
        }
    }

    public void CheckItems(long items)
    {
        if (items > Limits.MaxItems)
        {
            throw new EmailTemplateRefusedException(EmailTemplateProblem.TooManyItems, Limits.MaxItems);
        }
    }
}

/// <summary>A writer that charges every character to the budget before keeping it.</summary>
internal sealed class BudgetWriter(RenderBudget budget) : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.Unicode;

    public override void Write(char value)
    {
        budget.Spend(1);
        _text.Append(value);
    }

    public override void Write(string? value)
    {
        budget.Spend(value?.Length ?? 0);
        _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        budget.Spend(count);
        _text.Append(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        budget.Spend(buffer.Length);
        _text.Append(buffer);
    }

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(char[] buffer, int index, int count)
    {
        Write(buffer, index, count);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(ReadOnlyMemory<char> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return Task.CompletedTask;
    }

    public override string ToString() => _text.ToString();
}
