namespace Commerce.Customers.Notifications;

/// <summary>
/// What an email template sees. Liquid names are snake_case: <c>{{ customer.first_name }}</c>,
/// <c>{{ user_name }}</c>, <c>{{ password }}</c>, <c>{{ link }}</c>, <c>{{ site.name }}</c>,
/// <c>{{ site.base_url }}</c>, <c>{{ sign_in_url }}</c>, <c>{{ membership.role }}</c>,
/// <c>{{ notice.passkey_name }}</c>.
/// </summary>
public sealed class EmailModel
{
    public EmailCustomer Customer { get; set; } = new();
    public string UserName { get; set; } = "";

    /// <summary>The new or generated password, in templates that deliver one; never stored in plaintext.</summary>
    public string? Password { get; set; }

    /// <summary>The one-time set-password link, in templates that deliver one; never stored in plaintext.</summary>
    public string? Link { get; set; }

    public EmailSite Site { get; set; } = new();
    public string SignInUrl { get; set; } = "";

    /// <summary>The membership a reminder or expiry notice is about.</summary>
    public EmailMembership? Membership { get; set; }

    /// <summary>What a security notice is about; never a secret.</summary>
    public EmailNotice? Notice { get; set; }

    public EmailModel WithSecret(EmailSecretKind kind, string? secret) => new()
    {
        Customer = Customer,
        UserName = UserName,
        Site = Site,
        SignInUrl = SignInUrl,
        Membership = Membership,
        Notice = Notice,
        Password = kind == EmailSecretKind.Password ? secret : null,
        Link = kind == EmailSecretKind.Link ? secret : null,
    };
}

public sealed class EmailCustomer
{
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Company { get; set; }
    public string? Email { get; set; }

    public string FullName => string.Join(' ', new[] { FirstName, LastName }.Where(part => !string.IsNullOrEmpty(part)));
}

/// <summary>A membership as templates see it: <c>{{ membership.role }}</c>, <c>{{ membership.valid_to }}</c> (the last day, yyyy-MM-dd).</summary>
public sealed class EmailMembership
{
    public string Role { get; set; } = "";
    public string ValidFrom { get; set; } = "";
    public string ValidTo { get; set; } = "";
}

/// <summary>
/// What a security notice is about, as templates see it: <c>{{ notice.passkey_name }}</c>,
/// <c>{{ notice.recovery_codes_left }}</c>; in the notice staff get when an email change is
/// reported, <c>{{ notice.account }}</c> (the login's address now), <c>{{ notice.former_email }}</c>
/// (the address that reported it) and <c>{{ notice.review_url }}</c> (its Login details tab).
/// </summary>
public sealed class EmailNotice
{
    public string? PasskeyName { get; set; }
    public string? RecoveryCodesLeft { get; set; }
    public string? Account { get; set; }
    public string? FormerEmail { get; set; }
    public string? ReviewUrl { get; set; }
}

public sealed class EmailSite
{
    public string Name { get; set; } = "";
    public string BaseUrl { get; set; } = "";
}

/// <summary>What secret, if any, a template delivers.</summary>
public enum EmailSecretKind
{
    None,
    Password,
    Link,
}
