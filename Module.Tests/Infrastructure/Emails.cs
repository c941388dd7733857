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
}
