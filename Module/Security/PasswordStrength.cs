namespace Commerce.Customers.Security;

/// <summary>The five zxcvbn scores, named as the original documentation names them.</summary>
public enum PasswordStrengthLevel
{
    Weak = 0,
    Acceptable = 1,
    Average = 2,
    Strong = 3,
    Excellent = 4,
}

/// <summary>zxcvbn's verdict: the level and, for weak passwords, what to improve.</summary>
public sealed record PasswordStrength(PasswordStrengthLevel Level, string Warning, IReadOnlyList<string> Suggestions)
{
    public static string Name(PasswordStrengthLevel level) => level switch
    {
        PasswordStrengthLevel.Weak => "weak",
        PasswordStrengthLevel.Acceptable => "acceptable",
        PasswordStrengthLevel.Average => "average",
        PasswordStrengthLevel.Strong => "strong",
        _ => "excellent",
    };
}
