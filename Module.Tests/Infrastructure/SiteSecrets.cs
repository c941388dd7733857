using System.Text.RegularExpressions;
using MimeKit;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Every password and token a test site saw: typed into a password field, or delivered in an
/// account email. When the site is disposed it proves that none of them reached its database
/// (file or rows) or any line it logged (see <see cref="TestSite.DisposeAsync"/>).
/// </summary>
/// <remarks>
/// Secrets are collected where they appear, not declared by each test, so a test that forgets
/// about secrets is still checked.
/// </remarks>
public sealed partial class SiteSecrets
{
    // Shorter values (a PIN, "abc") could occur in any text by chance; no password the site accepts is that short.
    private const int MinimumLength = 8;

    private readonly object _sync = new();
    private readonly HashSet<string> _secrets = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> All
    {
        get
        {
            lock (_sync)
            {
                return _secrets.ToArray();
            }
        }
    }

    public void Add(string? secret)
    {
        // Only letters and spaces ("password", "horse staple") are words that ordinary text contains
        // by chance; a search for them proves nothing, so such values are left out.
        if (secret is null || secret.Trim().Length < MinimumLength || secret.All(c => char.IsLetter(c) || c == ' '))
        {
            return;
        }

        lock (_sync)
        {
            _secrets.Add(secret.Trim());
        }
    }

    /// <summary>
    /// The values of a posted form's password fields. A value also typed into an ordinary field of
    /// the same form is not a secret: hostile-input tests send one payload to every field.
    /// </summary>
    public void AddFromForm(IEnumerable<KeyValuePair<string, string>> fields)
    {
        var list = fields.ToList();
        var ordinary = list.Where(field => !IsPasswordField(field.Key)).Select(field => field.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var (name, value) in list)
        {
            if (IsPasswordField(name) && !ordinary.Contains(value))
            {
                Add(value);
            }
        }
    }

    /// <summary>The password line and every link token of an account email.</summary>
    public void AddFromEmailText(string text)
    {
        foreach (Match match in Emails.PasswordLine().Matches(text))
        {
            Add(match.Groups[1].Value);
        }

        foreach (Match match in TokenParameter().Matches(text))
        {
            Add(Uri.UnescapeDataString(match.Groups[1].Value));
        }
    }

    public void AddFromEmail(ReceivedEmail email) => AddFromEmailText(email.TextBody + "\n" + email.HtmlBody);

    /// <summary>Emails that the pickup-folder delivery wrote as .eml files.</summary>
    public void AddFromPickupFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.GetFiles(folder, "*.eml"))
        {
            using var message = MimeMessage.Load(file);
            AddFromEmailText((message.TextBody ?? "") + "\n" + (message.HtmlBody ?? ""));
        }
    }

    /// <summary>Fails naming each secret found in <paramref name="text"/> (shown only by its first characters).</summary>
    public void AssertNoneIn(string text, string where)
    {
        var found = All.Where(secret => text.Contains(secret, StringComparison.Ordinal)).ToList();
        Assert.True(found.Count == 0, $"{found.Count} secret(s) found in {where}: {string.Join(", ", found.Select(secret => secret[..3] + "…"))}");
    }

    private static bool IsPasswordField(string name) =>
        name.Contains("password", StringComparison.OrdinalIgnoreCase) && !name.Contains("require", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"[?#&](?:token|code)=([^&\s""'<]+)")]
    private static partial Regex TokenParameter();
}
