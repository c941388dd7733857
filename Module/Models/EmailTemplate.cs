namespace Commerce.Customers.Models;

/// <summary>An administrator's version of one of the module's email templates. No row means the default applies.</summary>
public sealed class EmailTemplate : IHasConcurrencyStamp
{
    public const int NameMaxLength = 100;
    public const int SubjectMaxLength = 500;
    public const int BodyMaxLength = 100_000;

    public const int CultureMaxLength = 16;

    public string Name { get; set; } = "";

    /// <summary>The language of this version (a supported culture name such as "en" or "de"); each language has its own.</summary>
    public string Culture { get; set; } = "en";
    public string Subject { get; set; } = "";
    public string HtmlBody { get; set; } = "";
    public string TextBody { get; set; } = "";
    public DateTime UpdatedUtc { get; set; }
    public string? UpdatedBy { get; set; }
    public string ConcurrencyStamp { get; set; } = Guid.NewGuid().ToString("N");
}
