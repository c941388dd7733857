using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Services;

public sealed class PasswordGeneratorOptions
{
    public int Length { get; set; } = 16;

    /// <summary>Leave out characters that are easy to misread in an email (I, l, 1, O, 0, ...).</summary>
    public bool ExcludeAmbiguousCharacters { get; set; } = true;
}

/// <summary>
/// Makes random passwords from <see cref="RandomNumberGenerator"/> that always satisfy the
/// site's Identity password options: every character class is present, whatever is required.
/// </summary>
public sealed class PasswordGenerator(IOptions<PasswordGeneratorOptions> generatorOptions, IOptions<IdentityOptions> identityOptions)
{
    private const string Lower = "abcdefghijklmnopqrstuvwxyz";
    private const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";
    private const string Symbols = "!#$%&*+-=?@^_~";
    private const string Ambiguous = "Il1O0o|`'\"";

    /// <summary>The shortest generated password that needs no strength check to be excellent.</summary>
    public const int StrongByConstructionLength = 16;

    /// <summary>
    /// Whether every password this generator draws is excellent by construction: zxcvbn rates
    /// characters that match no pattern at ten guesses each, so 16 random characters are 10^16
    /// guesses against its 10^10 for excellent, and patterns among random characters are too rare
    /// to matter (a unit test rates 10,000 drawn passwords: all excellent). Checking such a password
    /// with zxcvbn costs tens of milliseconds and can only agree.
    /// </summary>
    public bool IsStrongByConstruction => Length >= StrongByConstructionLength;

    private int Length => Math.Max(Math.Max(generatorOptions.Value.Length, identityOptions.Value.Password.RequiredLength), Math.Max(identityOptions.Value.Password.RequiredUniqueChars, 4));

    /// <param name="accept">A further test, such as the site's minimum strength; candidates are drawn until one passes.</param>
    public string Generate(Func<string, bool>? accept = null)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var candidate = Draw();
            if (accept is null || accept(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("No generated password passed the site's rules in 100 draws; the password options ask for more than random characters can give.");
    }

    private string Draw()
    {
        var options = generatorOptions.Value;
        var policy = identityOptions.Value.Password;
        var classes = new[] { Lower, Upper, Digits, Symbols }
            .Select(set => options.ExcludeAmbiguousCharacters ? new string(set.Where(c => !Ambiguous.Contains(c)).ToArray()) : set)
            .ToArray();

        var length = Length;
        var all = string.Concat(classes);

        while (true)
        {
            var password = new char[length];
            // One from each class guarantees the policy; the rest come from the whole alphabet.
            for (var i = 0; i < classes.Length; i++)
            {
                password[i] = classes[i][RandomNumberGenerator.GetInt32(classes[i].Length)];
            }

            for (var i = classes.Length; i < length; i++)
            {
                password[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
            }

            RandomNumberGenerator.Shuffle(password.AsSpan());
            if (password.Distinct().Count() >= policy.RequiredUniqueChars)
            {
                return new string(password);
            }
        }
    }
}
