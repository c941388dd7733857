using Commerce.Customers.Localization;

namespace Commerce.Customers.Notifications;

/// <summary>One of the module's email templates, with the text it ships with.</summary>
public sealed record EmailTemplateDefinition(
    string Name,
    string DisplayName,
    string Description,
    EmailSecretKind Secret,
    string Subject,
    string HtmlBody,
    string TextBody)
{
    /// <summary>The text the template ships with in <paramref name="culture"/>, or null when it ships none in that language.</summary>
    public EmailTemplateText? DefaultIn(string culture) => culture switch
    {
        SupportedCultures.English => new EmailTemplateText(Subject, HtmlBody, TextBody),
        SupportedCultures.German => GermanEmailTemplates.All.GetValueOrDefault(Name),
        _ => null,
    };
}

/// <summary>A template's three parts in one language.</summary>
public sealed record EmailTemplateText(string Subject, string HtmlBody, string TextBody);

/// <summary>The templates the module ships. An administrator may override each; resetting returns to these.</summary>
public static class EmailTemplateDefinitions
{
    public const string LoginCreated = "LoginCreated";
    public const string PasswordChanged = "PasswordChanged";
    public const string SetPasswordLink = "SetPasswordLink";
    public const string PasswordChangedNotice = "PasswordChangedNotice";
    public const string PasswordReset = "PasswordReset";
    public const string MembershipExpiring = "MembershipExpiring";
    public const string MembershipExpired = "MembershipExpired";
    public const string ConfirmEmail = "ConfirmEmail";
    public const string RegistrationAttempt = "RegistrationAttempt";
    public const string EmailChangedNotice = "EmailChangedNotice";
    public const string ConfirmEmailChange = "ConfirmEmailChange";
    public const string EmailChanged = "EmailChanged";
    public const string EmailChangeAttempt = "EmailChangeAttempt";
    public const string EmailChangeReported = "EmailChangeReported";
    public const string PasskeyAdded = "PasskeyAdded";
    public const string TwoFactorEnabled = "TwoFactorEnabled";
    public const string TwoFactorDisabled = "TwoFactorDisabled";
    public const string RecoveryCodeUsed = "RecoveryCodeUsed";
    public const string TwoFactorReset = "TwoFactorReset";

    // Security notices may go to staff, who have no customer record: they are greeted by their user name (their email).
    private const string Greeting = "Dear {{ customer.full_name | default: customer.company | default: user_name }},";

    public static IReadOnlyList<EmailTemplateDefinition> All { get; } =
    [
        new(
            LoginCreated,
            "Login created",
            "Sent when staff create a login for a customer and the site emails passwords: the user name and the generated password.",
            EmailSecretKind.Password,
            "Your account at {{ site.name }}",
            """
            <p>Dear {{ customer.full_name | default: customer.company }},</p>
            <p>An account has been created for you at <a href="{{ site.base_url }}">{{ site.name }}</a>.</p>
            <table>
              <tr><td>User name:</td><td><strong>{{ user_name }}</strong></td></tr>
              <tr><td>Password:</td><td><strong>{{ password }}</strong></td></tr>
            </table>
            <p>Sign in at <a href="{{ sign_in_url }}">{{ sign_in_url }}</a>. We recommend that you change the password after you sign in.</p>
            <p>{{ site.name }}</p>
            """,
            """
            Dear {{ customer.full_name | default: customer.company }},

            An account has been created for you at {{ site.name }} ({{ site.base_url }}).

            User name: {{ user_name }}
            Password: {{ password }}

            Sign in at {{ sign_in_url }}. We recommend that you change the password after you sign in.

            {{ site.name }}
            """),
        new(
            PasswordChanged,
            "Password changed",
            "Sent when staff generate or set a new password for a customer and the site emails passwords: the new password.",
            EmailSecretKind.Password,
            "Your new password for {{ site.name }}",
            """
            <p>Dear {{ customer.full_name | default: customer.company }},</p>
            <p>Your password for <a href="{{ site.base_url }}">{{ site.name }}</a> has been changed.</p>
            <table>
              <tr><td>User name:</td><td><strong>{{ user_name }}</strong></td></tr>
              <tr><td>New password:</td><td><strong>{{ password }}</strong></td></tr>
            </table>
            <p>Sign in at <a href="{{ sign_in_url }}">{{ sign_in_url }}</a>.</p>
            <p>{{ site.name }}</p>
            """,
            """
            Dear {{ customer.full_name | default: customer.company }},

            Your password for {{ site.name }} ({{ site.base_url }}) has been changed.

            User name: {{ user_name }}
            New password: {{ password }}

            Sign in at {{ sign_in_url }}.

            {{ site.name }}
            """),
        new(
            SetPasswordLink,
            "Set-password link",
            "Sent instead of a password when the site does not email passwords: a one-time link to choose one.",
            EmailSecretKind.Link,
            "Set your password for {{ site.name }}",
            """
            <p>Dear {{ customer.full_name | default: customer.company }},</p>
            <p>Your account at <a href="{{ site.base_url }}">{{ site.name }}</a> is ready. Your user name is <strong>{{ user_name }}</strong>.</p>
            <p><a href="{{ link }}">Choose your password</a></p>
            <p>The link works once and expires. If it has expired, ask us for a new one.</p>
            <p>{{ site.name }}</p>
            """,
            """
            Dear {{ customer.full_name | default: customer.company }},

            Your account at {{ site.name }} ({{ site.base_url }}) is ready. Your user name is {{ user_name }}.

            Choose your password here:
            {{ link }}

            The link works once and expires. If it has expired, ask us for a new one.

            {{ site.name }}
            """),
        new(
            PasswordChangedNotice,
            "Password changed notice",
            "Tells the customer that their password was changed, without the password.",
            EmailSecretKind.None,
            "Your password for {{ site.name }} was changed",
            """
            <p>Dear {{ customer.full_name | default: customer.company }},</p>
            <p>The password of your account <strong>{{ user_name }}</strong> at <a href="{{ site.base_url }}">{{ site.name }}</a> was changed.</p>
            <p>If you did not expect this, contact us.</p>
            <p>{{ site.name }}</p>
            """,
            """
            Dear {{ customer.full_name | default: customer.company }},

            The password of your account {{ user_name }} at {{ site.name }} ({{ site.base_url }}) was changed.

            If you did not expect this, contact us.

            {{ site.name }}
            """),
        new(
            PasswordReset,
            "Password reset",
            "Sent when a customer asks to reset a forgotten password: a one-time link to choose a new one.",
            EmailSecretKind.Link,
            "Reset your password for {{ site.name }}",
            """
            <p>Dear {{ customer.full_name | default: customer.company }},</p>
            <p>Someone asked to reset the password of your account <strong>{{ user_name }}</strong> at <a href="{{ site.base_url }}">{{ site.name }}</a>.</p>
            <p><a href="{{ link }}">Choose a new password</a></p>
            <p>The link works once and expires. If you did not ask for this, ignore this email: your password stays as it is.</p>
            <p>{{ site.name }}</p>
            """,
            """
            Dear {{ customer.full_name | default: customer.company }},

            Someone asked to reset the password of your account {{ user_name }} at {{ site.name }} ({{ site.base_url }}).

            Choose a new password here:
            {{ link }}

            The link works once and expires. If you did not ask for this, ignore this email: your password stays as it is.

            {{ site.name }}
            """),
        new(
            MembershipExpiring,
            "Membership expiry reminder",
            "Sent a configurable number of days (Customer accounts settings) before a membership ends.",
            EmailSecretKind.None,
            "Your {{ membership.role }} membership at {{ site.name }} ends on {{ membership.valid_to }}",
            """
            <p>Dear {{ customer.full_name | default: customer.company }},</p>
            <p>Your <strong>{{ membership.role }}</strong> membership at <a href="{{ site.base_url }}">{{ site.name }}</a> ends on {{ membership.valid_to }}.</p>
            <p>Contact us if you would like to renew it.</p>
            <p>{{ site.name }}</p>
            """,
            """
            Dear {{ customer.full_name | default: customer.company }},

            Your {{ membership.role }} membership at {{ site.name }} ({{ site.base_url }}) ends on {{ membership.valid_to }}.

            Contact us if you would like to renew it.

            {{ site.name }}
            """),
        new(
            MembershipExpired,
            "Membership expired",
            "Sent when a membership ends and its role is removed.",
            EmailSecretKind.None,
            "Your {{ membership.role }} membership at {{ site.name }} has ended",
            """
            <p>Dear {{ customer.full_name | default: customer.company }},</p>
            <p>Your <strong>{{ membership.role }}</strong> membership at <a href="{{ site.base_url }}">{{ site.name }}</a> ended on {{ membership.valid_to }}.</p>
            <p>Thank you for being a member. Contact us if you would like to renew it.</p>
            <p>{{ site.name }}</p>
            """,
            """
            Dear {{ customer.full_name | default: customer.company }},

            Your {{ membership.role }} membership at {{ site.name }} ({{ site.base_url }}) ended on {{ membership.valid_to }}.

            Thank you for being a member. Contact us if you would like to renew it.

            {{ site.name }}
            """),
        new(
            ConfirmEmail,
            "Confirm email",
            "Sent when a visitor creates an account (Register page, or a password chosen at checkout): a link that proves the address is theirs. Until it is followed the account sees only what it created.",
            EmailSecretKind.Link,
            "Confirm your email for {{ site.name }}",
            """
            <p>Dear {{ customer.full_name | default: customer.company }},</p>
            <p>Someone created an account <strong>{{ user_name }}</strong> at <a href="{{ site.base_url }}">{{ site.name }}</a> with this email address.</p>
            <p>If it was you, <a href="{{ link }}">confirm your email</a> and enter the password you chose. Orders, addresses and store credit we already have for this address then join your account.</p>
            <p>If it was not you, ignore this email: nothing of yours is shown to that account.</p>
            <p>{{ site.name }}</p>
            """,
            """
            Dear {{ customer.full_name | default: customer.company }},

            Someone created an account {{ user_name }} at {{ site.name }} ({{ site.base_url }}) with this email address.

            If it was you, confirm your email here and enter the password you chose:
            {{ link }}

            Orders, addresses and store credit we already have for this address then join your account.

            If it was not you, ignore this email: nothing of yours is shown to that account.

            {{ site.name }}
            """),
        new(
            RegistrationAttempt,
            "Registration attempt",
            "Sent to the owner of an existing account when someone tries to create another account with their email, instead of telling the visitor that the account exists.",
            EmailSecretKind.None,
            "Someone tried to create an account with your email at {{ site.name }}",
            """
            <p>Dear {{ customer.full_name | default: customer.company }},</p>
            <p>Someone tried to create an account at <a href="{{ site.base_url }}">{{ site.name }}</a> with your email address. You already have one: <strong>{{ user_name }}</strong>. Nothing was changed.</p>
            <p>If it was you, <a href="{{ sign_in_url }}">sign in</a>, or reset your password there if you forgot it. If it was not you, ignore this email.</p>
            <p>{{ site.name }}</p>
            """,
            """
            Dear {{ customer.full_name | default: customer.company }},

            Someone tried to create an account at {{ site.name }} ({{ site.base_url }}) with your email address. You already have one: {{ user_name }}. Nothing was changed.

            If it was you, sign in at {{ sign_in_url }}, or reset your password there if you forgot it. If it was not you, ignore this email.

            {{ site.name }}
            """),
        new(
            EmailChangedNotice,
            "Email changed notice",
            "Sent to the previous address when staff change a registered customer's email (their user name). Carries no link and does not name the new address.",
            EmailSecretKind.None,
            "The email of your account at {{ site.name }} was changed",
            """
            <p>Dear {{ customer.full_name | default: customer.company }},</p>
            <p>The email address of your account at <a href="{{ site.base_url }}">{{ site.name }}</a> was changed by our staff. This address no longer signs in, and you were signed out everywhere.</p>
            <p>If you did not ask for this, contact us.</p>
            <p>{{ site.name }}</p>
            """,
            """
            Dear {{ customer.full_name | default: customer.company }},

            The email address of your account at {{ site.name }} ({{ site.base_url }}) was changed by our staff. This address no longer signs in, and you were signed out everywhere.

            If you did not ask for this, contact us.

            {{ site.name }}
            """),
        new(
            ConfirmEmailChange,
            "Confirm new email",
            "Sent to the new address when a customer asks to change their email on My account: a one-time link that makes the change.",
            EmailSecretKind.Link,
            "Confirm your new email address for {{ site.name }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>Someone signed in to the account <strong>{{ user_name }}</strong> at <a href="{{ site.base_url }}">{{ site.name }}</a> asked to make this address its email and user name.</p>
            <p>If it was you, <a href="{{ link }}">confirm your new email address</a> while you are signed in to that account. Until you do, the account's email stays as it is. The link works once and expires.</p>
            <p>If it was not you, ignore this email: nothing changes.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            Someone signed in to the account {{ user_name }} at {{ site.name }} ({{ site.base_url }}) asked to make this address its email and user name.

            If it was you, confirm your new email address here while you are signed in to that account:
            {{ link }}

            Until you do, the account's email stays as it is. The link works once and expires.

            If it was not you, ignore this email: nothing changes.

            {{ site.name }}
            """),
        new(
            EmailChanged,
            "Email changed",
            "Sent to the previous address when a customer changed their email: without the new address, with a one-time link to say it was not them.",
            EmailSecretKind.Link,
            "Your account at {{ site.name }} has a new email address",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>The email address of your account at <a href="{{ site.base_url }}">{{ site.name }}</a> was changed by someone signed in to it, who confirmed the new address. This address no longer signs in, and the account's other sessions were signed out.</p>
            <p>If this was not you, <a href="{{ link }}">tell us</a>: we sign the account out everywhere and our staff look into it. The link works once and expires.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            The email address of your account at {{ site.name }} ({{ site.base_url }}) was changed by someone signed in to it, who confirmed the new address. This address no longer signs in, and the account's other sessions were signed out.

            If this was not you, tell us here: we sign the account out everywhere and our staff look into it.
            {{ link }}

            The link works once and expires.

            {{ site.name }}
            """),
        new(
            EmailChangeAttempt,
            "Email change attempt",
            "Sent to an address that already belongs to an account when someone tries to make it another account's email; the one who tried is told nothing.",
            EmailSecretKind.None,
            "Someone tried to use your email address at {{ site.name }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>Someone signed in to another account at <a href="{{ site.base_url }}">{{ site.name }}</a> tried to make your email address that account's email. Nothing was changed: your address stays with your account <strong>{{ user_name }}</strong>.</p>
            <p>If you did not expect this, you need not do anything. If you meant to join two accounts, contact us.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            Someone signed in to another account at {{ site.name }} ({{ site.base_url }}) tried to make your email address that account's email. Nothing was changed: your address stays with your account {{ user_name }}.

            If you did not expect this, you need not do anything. If you meant to join two accounts, contact us.

            {{ site.name }}
            """),
        new(
            EmailChangeReported,
            "Email change reported",
            "Sent to the Administrators and to staff who manage customer logins when a previous address says an email change was not theirs.",
            EmailSecretKind.None,
            "A customer reports an email change they did not make at {{ site.name }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>The owner of <strong>{{ notice.former_email }}</strong> says they did not change the email of their account at <a href="{{ site.base_url }}">{{ site.name }}</a>. The account now signs in as <strong>{{ notice.account }}</strong>.</p>
            <p>Every session of the account was ended; nothing else was changed. Decide what happens next on its <a href="{{ notice.review_url }}">Login details</a>: for example, give the account its former address back, then ask the owner at {{ notice.former_email }} to reset the password.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            The owner of {{ notice.former_email }} says they did not change the email of their account at {{ site.name }} ({{ site.base_url }}). The account now signs in as {{ notice.account }}.

            Every session of the account was ended; nothing else was changed. Decide what happens next on its Login details ({{ notice.review_url }}): for example, give the account its former address back, then ask the owner at {{ notice.former_email }} to reset the password.

            {{ site.name }}
            """),
        new(
            PasskeyAdded,
            "Passkey added",
            "Tells the owner of a login that a passkey was added to it, with the passkey's name.",
            EmailSecretKind.None,
            "A passkey was added to your account at {{ site.name }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>A passkey named <strong>{{ notice.passkey_name }}</strong> was added to your account <strong>{{ user_name }}</strong> at <a href="{{ site.base_url }}">{{ site.name }}</a>. It signs in without a password.</p>
            <p>If you did not add it, <a href="{{ sign_in_url }}">sign in</a>, remove it on the Security page and change your password, or contact us.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            A passkey named {{ notice.passkey_name }} was added to your account {{ user_name }} at {{ site.name }} ({{ site.base_url }}). It signs in without a password.

            If you did not add it, sign in at {{ sign_in_url }}, remove it on the Security page and change your password, or contact us.

            {{ site.name }}
            """),
        new(
            TwoFactorEnabled,
            "Two-factor sign-in turned on",
            "Tells the owner of a login that two-factor sign-in with an authenticator app was turned on.",
            EmailSecretKind.None,
            "Two-factor sign-in is on for your account at {{ site.name }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>Two-factor sign-in was turned on for your account <strong>{{ user_name }}</strong> at <a href="{{ site.base_url }}">{{ site.name }}</a>: signing in with the password now takes a code from your authenticator app as well.</p>
            <p>If you did not do this, contact us.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            Two-factor sign-in was turned on for your account {{ user_name }} at {{ site.name }} ({{ site.base_url }}): signing in with the password now takes a code from your authenticator app as well.

            If you did not do this, contact us.

            {{ site.name }}
            """),
        new(
            TwoFactorDisabled,
            "Two-factor sign-in turned off",
            "Tells the owner of a login that two-factor sign-in was turned off.",
            EmailSecretKind.None,
            "Two-factor sign-in is off for your account at {{ site.name }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>Two-factor sign-in was turned off for your account <strong>{{ user_name }}</strong> at <a href="{{ site.base_url }}">{{ site.name }}</a>: the password alone signs in again.</p>
            <p>If you did not do this, <a href="{{ sign_in_url }}">sign in</a>, change your password and turn two-factor sign-in on again on the Security page, or contact us.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            Two-factor sign-in was turned off for your account {{ user_name }} at {{ site.name }} ({{ site.base_url }}): the password alone signs in again.

            If you did not do this, sign in at {{ sign_in_url }}, change your password and turn two-factor sign-in on again on the Security page, or contact us.

            {{ site.name }}
            """),
        new(
            RecoveryCodeUsed,
            "Recovery code used",
            "Tells the owner of a login that a recovery code signed in, and how many are left.",
            EmailSecretKind.None,
            "A recovery code was used at {{ site.name }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>A recovery code was used to sign in to your account <strong>{{ user_name }}</strong> at <a href="{{ site.base_url }}">{{ site.name }}</a>. {{ notice.recovery_codes_left }} recovery codes are left; each works once.</p>
            <p>If that was not you, <a href="{{ sign_in_url }}">sign in</a>, change your password and make new recovery codes on the Security page, or contact us.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            A recovery code was used to sign in to your account {{ user_name }} at {{ site.name }} ({{ site.base_url }}). {{ notice.recovery_codes_left }} recovery codes are left; each works once.

            If that was not you, sign in at {{ sign_in_url }}, change your password and make new recovery codes on the Security page, or contact us.

            {{ site.name }}
            """),
        new(
            TwoFactorReset,
            "Two-factor sign-in reset",
            "Tells the owner of a login that staff reset its two-factor sign-in (for example, after a lost phone).",
            EmailSecretKind.None,
            "Two-factor sign-in for your account at {{ site.name }} was reset",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>For your account <strong>{{ user_name }}</strong> at <a href="{{ site.base_url }}">{{ site.name }}</a>, our staff reset two-factor sign-in: your authenticator app and recovery codes no longer work, and the password alone signs in until you set two-factor sign-in up again on the Security page.</p>
            <p>If you did not ask for this, contact us.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            For your account {{ user_name }} at {{ site.name }} ({{ site.base_url }}), our staff reset two-factor sign-in: your authenticator app and recovery codes no longer work, and the password alone signs in until you set two-factor sign-in up again on the Security page.

            If you did not ask for this, contact us.

            {{ site.name }}
            """),
    ];

    public static EmailTemplateDefinition? Find(string name) =>
        All.FirstOrDefault(definition => string.Equals(definition.Name, name, StringComparison.Ordinal));

    /// <summary>Sample data for previews: realistic, and obviously not a real password.</summary>
    public static EmailModel SampleModel(string siteName, string baseUrl) => new()
    {
        Customer = new EmailCustomer { FirstName = "Frank", LastName = "Martin Jr.", Company = "The Transporter", Email = "frank@martin.com" },
        UserName = "frank@martin.com",
        Password = "Sample-Passw0rd",
        Link = baseUrl.TrimEnd('/') + "/set-password?token=sample",
        Site = new EmailSite { Name = siteName, BaseUrl = baseUrl },
        SignInUrl = baseUrl.TrimEnd('/') + "/account/login",
        Membership = new EmailMembership { Role = "Champions", ValidFrom = "2026-01-01", ValidTo = "2026-12-31" },
        Notice = new EmailNotice
        {
            PasskeyName = "MacBook Touch ID",
            RecoveryCodesLeft = "7",
            Account = "frank@transporter.example",
            FormerEmail = "frank@martin.com",
            ReviewUrl = baseUrl.TrimEnd('/') + "/admin/customers/1/login-details",
        },
    };
}
