namespace Commerce.Customers.Notifications;

/// <summary>Why a template cannot be rendered: the pages show it (localized) to whoever edits the template.</summary>
public enum EmailTemplateProblem
{
    /// <summary>Liquid that Fluid cannot read, or that fails while rendering; <see cref="EmailTemplateRefusedException.Detail"/> says how.</summary>
    Fails,

    /// <summary><c>include</c> and <c>render</c> read other files, and email templates have none.</summary>
    IncludeNotAvailable,

    /// <summary>
    /// Fluid's step or recursion limit: Fluid 2.41 reports both with one message, so they cannot be
    /// told apart. <see cref="EmailTemplateRefusedException.Limit"/> is the steps, <see cref="EmailTemplateRefusedException.Depth"/> the levels.
    /// </summary>
    TooManySteps,
    TooManyCharacters,
    TooManyItems,
    TooSlow,

    /// <summary>The rendered email would carry its password or link to another host; <see cref="EmailTemplateRefusedException.Detail"/> names it.</summary>
    SecretLeavesSite,
}

/// <summary>A template that cannot be rendered within the limits, or not at all.</summary>
public sealed class EmailTemplateRefusedException(EmailTemplateProblem problem, long limit = 0, string? detail = null, Exception? inner = null, int depth = 0)
    : InvalidOperationException(Describe(problem, limit, detail, depth), inner)
{
    public EmailTemplateProblem Problem { get; } = problem;

    /// <summary>The limit that was reached, where the problem is one.</summary>
    public long Limit { get; } = limit;

    /// <summary>The recursion limit, for <see cref="EmailTemplateProblem.TooManySteps"/>.</summary>
    public int Depth { get; } = depth;

    /// <summary>Fluid's own message, for <see cref="EmailTemplateProblem.Fails"/>.</summary>
    public string? Detail { get; } = detail;

    // The outbox records this message as the attempt's error: it names the limit, never the email's content.
    private static string Describe(EmailTemplateProblem problem, long limit, string? detail, int depth) => problem switch
    {
        EmailTemplateProblem.IncludeNotAvailable => "The email template uses include or render, which email templates cannot.",
        EmailTemplateProblem.TooManySteps => $"The email template exceeded the limit of {limit} steps or {depth} nested levels.",
        EmailTemplateProblem.TooManyCharacters => $"The email template exceeded the limit of {limit} characters.",
        EmailTemplateProblem.TooManyItems => $"The email template exceeded the limit of {limit} items in a list.",
        EmailTemplateProblem.TooSlow => $"The email template took longer than {limit} ms to render.",
        EmailTemplateProblem.SecretLeavesSite => $"The email would carry its password or link to another host ({detail}), so it was not sent. Correct the template.",
        _ => $"The email template cannot be rendered: {detail}",
    };
}
