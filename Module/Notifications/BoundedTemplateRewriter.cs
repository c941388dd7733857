using System.Text.Encodings.Web;
using Fluid;
using Fluid.Ast;
using Fluid.Values;

namespace Commerce.Customers.Notifications;

/// <summary>
/// Rewrites a parsed template so that the parts Fluid leaves unbounded charge the render's budget:
/// a range allocates every number it holds before any step is counted, and <c>capture</c> collects
/// its text outside the output. <c>include</c> and <c>render</c> are refused: there are no files to include.
/// </summary>
internal sealed class BoundedTemplateRewriter : AstRewriter
{
    public static IFluidTemplate Rewrite(IFluidTemplate template) => new BoundedTemplateRewriter().VisitTemplate(template);

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression) =>
        new BoundedRangeExpression((RangeExpression)base.VisitRangeExpression(rangeExpression));

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement) =>
        new BoundedCaptureStatement((CaptureStatement)base.VisitCaptureStatement(captureStatement));

    protected override Statement VisitIncludeStatement(IncludeStatement includeStatement) =>
        throw new EmailTemplateRefusedException(EmailTemplateProblem.IncludeNotAvailable);

    protected override Statement VisitRenderStatement(RenderStatement renderStatement) =>
        throw new EmailTemplateRefusedException(EmailTemplateProblem.IncludeNotAvailable);
}

/// <summary>A range, counted before Fluid allocates it: <c>(1..100000000)</c> would take gigabytes.</summary>
internal sealed class BoundedRangeExpression(RangeExpression range) : Expression
{
    public override async ValueTask<FluidValue> EvaluateAsync(TemplateContext context)
    {
        var from = (await range.From.EvaluateAsync(context)).ToNumberValue();
        var to = (await range.To.EvaluateAsync(context)).ToNumberValue();
        RenderBudget.Of(context).CheckItems((long)Math.Max(0, decimal.Truncate(to) - decimal.Truncate(from) + 1));
        return await range.EvaluateAsync(context);
    }
}

/// <summary>Fluid's <c>capture</c>, writing into the render's budget instead of an unbounded buffer.</summary>
internal sealed class BoundedCaptureStatement(CaptureStatement capture) : Statement
{
    public override async ValueTask<Completion> WriteToAsync(TextWriter writer, TextEncoder encoder, TemplateContext context)
    {
        context.IncrementSteps();
        using var captured = new BudgetWriter(RenderBudget.Of(context));
        var completion = Completion.Normal;
        foreach (var statement in capture.Statements)
        {
            completion = await statement.WriteToAsync(captured, encoder, context);
            if (completion != Completion.Normal)
            {
                break;
            }
        }

        FluidValue value = new StringValue(captured.ToString(), false);
        if (context.Captured is { } hook)
        {
            value = await hook(capture.Identifier, value, context);
        }

        context.SetValue(capture.Identifier, value);
        return completion;
    }
}
