using System.Text.Json;
using Commerce.Customers.Localization;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Security;

/// <summary>
/// The strength meter's words in the request's language: the five level names and zxcvbn's own
/// warnings and suggestions, which the script writes in English. The same texts serve the server's
/// refusal and the browser's meter, so both say the same.
/// </summary>
public sealed class PasswordStrengthTexts(IStringLocalizer<ModuleText> S)
{
    public string Level(PasswordStrengthLevel level) => level switch
    {
        PasswordStrengthLevel.Weak => S["weak"],
        PasswordStrengthLevel.Acceptable => S["acceptable"],
        PasswordStrengthLevel.Average => S["average"],
        PasswordStrengthLevel.Strong => S["strong"],
        _ => S["excellent"],
    };

    /// <summary>One of zxcvbn's sentences in the request's language, ending with a full stop.</summary>
    public string Feedback(string english)
    {
        var text = FeedbackTexts().GetValueOrDefault(english, english).Trim();
        return text.Length == 0 || text.EndsWith('.') ? text : text + ".";
    }

    /// <summary>zxcvbn's warning and suggestions as sentences, joined with spaces.</summary>
    public string Advice(PasswordStrength verdict) =>
        string.Join(" ", new[] { verdict.Warning }.Concat(verdict.Suggestions).Where(text => !string.IsNullOrWhiteSpace(text)).Select(Feedback));

    /// <summary>What the browser's meter needs, as JSON for a data attribute.</summary>
    public string ForBrowser() => JsonSerializer.Serialize(new
    {
        levels = Enum.GetValues<PasswordStrengthLevel>().Select(Level).ToArray(),
        empty = S["Type a password"].Value,
        belowMinimum = S["{0} (below the required {1})"].Value,
        feedback = FeedbackTexts().ToDictionary(pair => pair.Key, pair => Feedback(pair.Key)),
    });

    // Every sentence zxcvbn 4.4.2 writes (Assets/zxcvbn.js), each a literal key.
    private Dictionary<string, string> FeedbackTexts() => new(StringComparer.Ordinal)
    {
        ["A word by itself is easy to guess"] = S["A word by itself is easy to guess"],
        ["Add another word or two. Uncommon words are better."] = S["Add another word or two. Uncommon words are better."],
        ["All-uppercase is almost as easy to guess as all-lowercase"] = S["All-uppercase is almost as easy to guess as all-lowercase"],
        ["Avoid dates and years that are associated with you"] = S["Avoid dates and years that are associated with you"],
        ["Avoid recent years"] = S["Avoid recent years"],
        ["Avoid repeated words and characters"] = S["Avoid repeated words and characters"],
        ["Avoid sequences"] = S["Avoid sequences"],
        ["Avoid years that are associated with you"] = S["Avoid years that are associated with you"],
        ["Capitalization doesn't help very much"] = S["Capitalization doesn't help very much"],
        ["Common names and surnames are easy to guess"] = S["Common names and surnames are easy to guess"],
        ["Dates are often easy to guess"] = S["Dates are often easy to guess"],
        ["Names and surnames by themselves are easy to guess"] = S["Names and surnames by themselves are easy to guess"],
        ["No need for symbols, digits, or uppercase letters"] = S["No need for symbols, digits, or uppercase letters"],
        ["Predictable substitutions like '@' instead of 'a' don't help very much"] = S["Predictable substitutions like '@' instead of 'a' don't help very much"],
        ["Recent years are easy to guess"] = S["Recent years are easy to guess"],
        ["Repeats like \"aaa\" are easy to guess"] = S["Repeats like \"aaa\" are easy to guess"],
        ["Repeats like \"abcabcabc\" are only slightly harder to guess than \"abc\""] = S["Repeats like \"abcabcabc\" are only slightly harder to guess than \"abc\""],
        ["Reversed words aren't much harder to guess"] = S["Reversed words aren't much harder to guess"],
        ["Sequences like abc or 6543 are easy to guess"] = S["Sequences like abc or 6543 are easy to guess"],
        ["Short keyboard patterns are easy to guess"] = S["Short keyboard patterns are easy to guess"],
        ["Straight rows of keys are easy to guess"] = S["Straight rows of keys are easy to guess"],
        ["This is a top-10 common password"] = S["This is a top-10 common password"],
        ["This is a top-100 common password"] = S["This is a top-100 common password"],
        ["This is a very common password"] = S["This is a very common password"],
        ["This is similar to a commonly used password"] = S["This is similar to a commonly used password"],
        ["Use a few words, avoid common phrases"] = S["Use a few words, avoid common phrases"],
        ["Use a longer keyboard pattern with more turns"] = S["Use a longer keyboard pattern with more turns"],
    };
}
