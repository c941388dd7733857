namespace Commerce.Customers.Notifications;

/// <summary>The German text of every template the module ships (<see cref="EmailTemplateDefinitions"/>), with the same model.</summary>
public static class GermanEmailTemplates
{
    private const string Greeting = "Guten Tag {{ customer.full_name | default: customer.company }},";

    public static IReadOnlyDictionary<string, EmailTemplateText> All { get; } = new Dictionary<string, EmailTemplateText>(StringComparer.Ordinal)
    {
        [EmailTemplateDefinitions.LoginCreated] = new(
            "Ihr Konto bei {{ site.name }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>für Sie wurde ein Konto bei <a href="{{ site.base_url }}">{{ site.name }}</a> angelegt.</p>
            <table>
              <tr><td>Benutzername:</td><td><strong>{{ user_name }}</strong></td></tr>
              <tr><td>Passwort:</td><td><strong>{{ password }}</strong></td></tr>
            </table>
            <p>Melden Sie sich unter <a href="{{ sign_in_url }}">{{ sign_in_url }}</a> an. Wir empfehlen, das Passwort nach der Anmeldung zu ändern.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            für Sie wurde ein Konto bei {{ site.name }} ({{ site.base_url }}) angelegt.

            Benutzername: {{ user_name }}
            Passwort: {{ password }}

            Melden Sie sich unter {{ sign_in_url }} an. Wir empfehlen, das Passwort nach der Anmeldung zu ändern.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.PasswordChanged] = new(
            "Ihr neues Passwort für {{ site.name }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>Ihr Passwort für <a href="{{ site.base_url }}">{{ site.name }}</a> wurde geändert.</p>
            <table>
              <tr><td>Benutzername:</td><td><strong>{{ user_name }}</strong></td></tr>
              <tr><td>Neues Passwort:</td><td><strong>{{ password }}</strong></td></tr>
            </table>
            <p>Melden Sie sich unter <a href="{{ sign_in_url }}">{{ sign_in_url }}</a> an.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            Ihr Passwort für {{ site.name }} ({{ site.base_url }}) wurde geändert.

            Benutzername: {{ user_name }}
            Neues Passwort: {{ password }}

            Melden Sie sich unter {{ sign_in_url }} an.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.SetPasswordLink] = new(
            "Legen Sie Ihr Passwort für {{ site.name }} fest",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>Ihr Konto bei <a href="{{ site.base_url }}">{{ site.name }}</a> ist bereit. Ihr Benutzername ist <strong>{{ user_name }}</strong>.</p>
            <p><a href="{{ link }}">Passwort festlegen</a></p>
            <p>Der Link funktioniert einmal und läuft ab. Ist er abgelaufen, bitten Sie uns um einen neuen.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            Ihr Konto bei {{ site.name }} ({{ site.base_url }}) ist bereit. Ihr Benutzername ist {{ user_name }}.

            Legen Sie Ihr Passwort hier fest:
            {{ link }}

            Der Link funktioniert einmal und läuft ab. Ist er abgelaufen, bitten Sie uns um einen neuen.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.PasswordChangedNotice] = new(
            "Ihr Passwort für {{ site.name }} wurde geändert",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>das Passwort Ihres Kontos <strong>{{ user_name }}</strong> bei <a href="{{ site.base_url }}">{{ site.name }}</a> wurde geändert.</p>
            <p>Wenn Sie das nicht erwartet haben, wenden Sie sich an uns.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            das Passwort Ihres Kontos {{ user_name }} bei {{ site.name }} ({{ site.base_url }}) wurde geändert.

            Wenn Sie das nicht erwartet haben, wenden Sie sich an uns.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.PasswordReset] = new(
            "Setzen Sie Ihr Passwort für {{ site.name }} zurück",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>jemand hat darum gebeten, das Passwort Ihres Kontos <strong>{{ user_name }}</strong> bei <a href="{{ site.base_url }}">{{ site.name }}</a> zurückzusetzen.</p>
            <p><a href="{{ link }}">Neues Passwort wählen</a></p>
            <p>Der Link funktioniert einmal und läuft ab. Wenn Sie nicht darum gebeten haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            jemand hat darum gebeten, das Passwort Ihres Kontos {{ user_name }} bei {{ site.name }} ({{ site.base_url }}) zurückzusetzen.

            Wählen Sie hier ein neues Passwort:
            {{ link }}

            Der Link funktioniert einmal und läuft ab. Wenn Sie nicht darum gebeten haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.MembershipExpiring] = new(
            "Ihre Mitgliedschaft {{ membership.role }} bei {{ site.name }} endet am {{ membership.valid_to }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>Ihre Mitgliedschaft <strong>{{ membership.role }}</strong> bei <a href="{{ site.base_url }}">{{ site.name }}</a> endet am {{ membership.valid_to }}.</p>
            <p>Wenden Sie sich an uns, wenn Sie sie verlängern möchten.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            Ihre Mitgliedschaft {{ membership.role }} bei {{ site.name }} ({{ site.base_url }}) endet am {{ membership.valid_to }}.

            Wenden Sie sich an uns, wenn Sie sie verlängern möchten.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.MembershipExpired] = new(
            "Ihre Mitgliedschaft {{ membership.role }} bei {{ site.name }} ist beendet",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>Ihre Mitgliedschaft <strong>{{ membership.role }}</strong> bei <a href="{{ site.base_url }}">{{ site.name }}</a> endete am {{ membership.valid_to }}.</p>
            <p>Vielen Dank für Ihre Mitgliedschaft. Wenden Sie sich an uns, wenn Sie sie verlängern möchten.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            Ihre Mitgliedschaft {{ membership.role }} bei {{ site.name }} ({{ site.base_url }}) endete am {{ membership.valid_to }}.

            Vielen Dank für Ihre Mitgliedschaft. Wenden Sie sich an uns, wenn Sie sie verlängern möchten.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.ConfirmEmail] = new(
            "Bestätigen Sie Ihre E-Mail-Adresse für {{ site.name }}",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>jemand hat bei <a href="{{ site.base_url }}">{{ site.name }}</a> mit dieser E-Mail-Adresse das Konto <strong>{{ user_name }}</strong> angelegt.</p>
            <p>Wenn Sie es waren, <a href="{{ link }}">bestätigen Sie Ihre E-Mail-Adresse</a> und geben Sie das gewählte Passwort ein. Bestellungen, Adressen und Guthaben, die wir zu dieser Adresse schon haben, gehören dann zu Ihrem Konto.</p>
            <p>Wenn nicht, ignorieren Sie diese E-Mail: Diesem Konto wird nichts von Ihnen gezeigt.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            jemand hat bei {{ site.name }} ({{ site.base_url }}) mit dieser E-Mail-Adresse das Konto {{ user_name }} angelegt.

            Wenn Sie es waren, bestätigen Sie Ihre E-Mail-Adresse hier und geben Sie das gewählte Passwort ein:
            {{ link }}

            Bestellungen, Adressen und Guthaben, die wir zu dieser Adresse schon haben, gehören dann zu Ihrem Konto.

            Wenn nicht, ignorieren Sie diese E-Mail: Diesem Konto wird nichts von Ihnen gezeigt.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.RegistrationAttempt] = new(
            "Jemand wollte bei {{ site.name }} ein Konto mit Ihrer E-Mail-Adresse anlegen",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>jemand wollte bei <a href="{{ site.base_url }}">{{ site.name }}</a> ein Konto mit Ihrer E-Mail-Adresse anlegen. Sie haben bereits eines: <strong>{{ user_name }}</strong>. Es wurde nichts geändert.</p>
            <p>Wenn Sie es waren, <a href="{{ sign_in_url }}">melden Sie sich an</a> oder setzen Sie dort Ihr Passwort zurück, falls Sie es vergessen haben. Wenn nicht, ignorieren Sie diese E-Mail.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            jemand wollte bei {{ site.name }} ({{ site.base_url }}) ein Konto mit Ihrer E-Mail-Adresse anlegen. Sie haben bereits eines: {{ user_name }}. Es wurde nichts geändert.

            Wenn Sie es waren, melden Sie sich unter {{ sign_in_url }} an oder setzen Sie dort Ihr Passwort zurück, falls Sie es vergessen haben. Wenn nicht, ignorieren Sie diese E-Mail.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.EmailChangedNotice] = new(
            "Die E-Mail-Adresse Ihres Kontos bei {{ site.name }} wurde geändert",
            $$$"""
            <p>{{{Greeting}}}</p>
            <p>die E-Mail-Adresse Ihres Kontos bei <a href="{{ site.base_url }}">{{ site.name }}</a> wurde von unseren Mitarbeitern geändert. Mit dieser Adresse können Sie sich nicht mehr anmelden, und Sie wurden überall abgemeldet.</p>
            <p>Wenn Sie das nicht veranlasst haben, wenden Sie sich an uns.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{Greeting}}}

            die E-Mail-Adresse Ihres Kontos bei {{ site.name }} ({{ site.base_url }}) wurde von unseren Mitarbeitern geändert. Mit dieser Adresse können Sie sich nicht mehr anmelden, und Sie wurden überall abgemeldet.

            Wenn Sie das nicht veranlasst haben, wenden Sie sich an uns.

            {{ site.name }}
            """),
    };
}
