using System.Text.RegularExpressions;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>Reads what a customer would read in the account emails.</summary>
public static partial class Emails
{
    /// <summary>The password in a "Login created" or "Password changed" text body.</summary>
    public static string Password(ReceivedEmail email)
    {
        var match = PasswordLine().Match(email.TextBody);
        Assert.True(match.Success, $"No password in the email '{email.Subject}'.");
        return match.Groups[1].Value.Trim();
    }

    /// <summary>The user id and token from a set-password link's fragment.</summary>
    public static (string User, string Token, string Link) SetPasswordLink(ReceivedEmail email) => FragmentLink(email, LinkLine(), "set-password");

    /// <summary>The user id and token from a confirm-email link's fragment.</summary>
    public static (string User, string Token, string Link) ConfirmEmailLink(ReceivedEmail email) => FragmentLink(email, ConfirmLinkLine(), "confirm-email");

    /// <summary>The user id, new address and token from a "confirm your new email address" link's fragment.</summary>
    public static (string User, string Email, string Token) ChangeEmailLink(ReceivedEmail email) => WithEmail(email, ChangeEmailLinkLine(), "change-email");

    /// <summary>The user id, previous address and token from the "this was not me" link sent to that address.</summary>
    public static (string User, string Email, string Token) ReportEmailChangeLink(ReceivedEmail email) => WithEmail(email, ReportLinkLine(), "report");

    private static (string User, string Email, string Token) WithEmail(ReceivedEmail email, Regex pattern, string kind)
    {
        var (user, token, link) = FragmentLink(email, pattern, kind);
        return (user, System.Web.HttpUtility.ParseQueryString(new Uri(link).Fragment.TrimStart('#'))["email"]!, token);
    }

    private static (string User, string Token, string Link) FragmentLink(ReceivedEmail email, Regex pattern, string kind)
    {
        var match = pattern.Match(email.TextBody);
        Assert.True(match.Success, $"No {kind} link in the email '{email.Subject}'.");
        var link = match.Value.Trim();
        var fragment = System.Web.HttpUtility.ParseQueryString(new Uri(link).Fragment.TrimStart('#'));
        return (fragment["user"]!, fragment["token"]!, link);
    }

    [GeneratedRegex(@"^\s*(?:New password|Password): (.+)$", RegexOptions.Multiline)]
    internal static partial Regex PasswordLine();

    [GeneratedRegex(@"https?://\S+/account/set-password#\S+")]
    private static partial Regex LinkLine();

    [GeneratedRegex(@"https?://\S+/account/confirm-email#\S+")]
    private static partial Regex ConfirmLinkLine();

    [GeneratedRegex(@"https?://\S+/account/email/confirm#\S+")]
    private static partial Regex ChangeEmailLinkLine();

    [GeneratedRegex(@"https?://\S+/account/email/report#\S+")]
    private static partial Regex ReportLinkLine();
}
