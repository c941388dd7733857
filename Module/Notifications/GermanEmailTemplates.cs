namespace Commerce.Customers.Notifications;

/// <summary>The German text of every template the module ships (<see cref="EmailTemplateDefinitions"/>), with the same model.</summary>
public static class GermanEmailTemplates
{
    private const string Greeting = "Guten Tag {{ customer.full_name | default: customer.company }},";

    // As in English: security notices may go to staff, who are greeted by their user name.
    private const string NoticeGreeting = "Guten Tag {{ customer.full_name | default: customer.company | default: user_name }},";

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
        [EmailTemplateDefinitions.ConfirmEmailChange] = new(
            "Bestätigen Sie Ihre neue E-Mail-Adresse für {{ site.name }}",
            $$$"""
            <p>{{{NoticeGreeting}}}</p>
            <p>jemand, der beim Konto <strong>{{ user_name }}</strong> bei <a href="{{ site.base_url }}">{{ site.name }}</a> angemeldet ist, möchte diese Adresse zur E-Mail-Adresse und zum Benutzernamen des Kontos machen.</p>
            <p>Wenn Sie es waren, <a href="{{ link }}">bestätigen Sie Ihre neue E-Mail-Adresse</a>, während Sie bei diesem Konto angemeldet sind. Bis dahin bleibt die E-Mail-Adresse des Kontos, wie sie ist. Der Link funktioniert einmal und läuft ab.</p>
            <p>Wenn nicht, ignorieren Sie diese E-Mail: Es ändert sich nichts.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{NoticeGreeting}}}

            jemand, der beim Konto {{ user_name }} bei {{ site.name }} ({{ site.base_url }}) angemeldet ist, möchte diese Adresse zur E-Mail-Adresse und zum Benutzernamen des Kontos machen.

            Wenn Sie es waren, bestätigen Sie Ihre neue E-Mail-Adresse hier, während Sie bei diesem Konto angemeldet sind:
            {{ link }}

            Bis dahin bleibt die E-Mail-Adresse des Kontos, wie sie ist. Der Link funktioniert einmal und läuft ab.

            Wenn nicht, ignorieren Sie diese E-Mail: Es ändert sich nichts.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.EmailChanged] = new(
            "Ihr Konto bei {{ site.name }} hat eine neue E-Mail-Adresse",
            $$$"""
            <p>{{{NoticeGreeting}}}</p>
            <p>die E-Mail-Adresse Ihres Kontos bei <a href="{{ site.base_url }}">{{ site.name }}</a> wurde von jemandem geändert, der beim Konto angemeldet war und die neue Adresse bestätigt hat. Mit dieser Adresse können Sie sich nicht mehr anmelden, und die anderen Sitzungen des Kontos wurden abgemeldet.</p>
            <p>Wenn Sie das nicht waren, <a href="{{ link }}">sagen Sie es uns</a>: Wir melden das Konto überall ab, und unsere Mitarbeiter gehen der Sache nach. Der Link funktioniert einmal und läuft ab.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{NoticeGreeting}}}

            die E-Mail-Adresse Ihres Kontos bei {{ site.name }} ({{ site.base_url }}) wurde von jemandem geändert, der beim Konto angemeldet war und die neue Adresse bestätigt hat. Mit dieser Adresse können Sie sich nicht mehr anmelden, und die anderen Sitzungen des Kontos wurden abgemeldet.

            Wenn Sie das nicht waren, sagen Sie es uns hier: Wir melden das Konto überall ab, und unsere Mitarbeiter gehen der Sache nach.
            {{ link }}

            Der Link funktioniert einmal und läuft ab.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.EmailChangeAttempt] = new(
            "Jemand wollte bei {{ site.name }} Ihre E-Mail-Adresse verwenden",
            $$$"""
            <p>{{{NoticeGreeting}}}</p>
            <p>jemand, der bei einem anderen Konto bei <a href="{{ site.base_url }}">{{ site.name }}</a> angemeldet ist, wollte Ihre E-Mail-Adresse zur E-Mail-Adresse dieses Kontos machen. Es wurde nichts geändert: Ihre Adresse bleibt bei Ihrem Konto <strong>{{ user_name }}</strong>.</p>
            <p>Wenn Sie damit nicht gerechnet haben, müssen Sie nichts tun. Wenn Sie zwei Konten zusammenführen wollten, wenden Sie sich an uns.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{NoticeGreeting}}}

            jemand, der bei einem anderen Konto bei {{ site.name }} ({{ site.base_url }}) angemeldet ist, wollte Ihre E-Mail-Adresse zur E-Mail-Adresse dieses Kontos machen. Es wurde nichts geändert: Ihre Adresse bleibt bei Ihrem Konto {{ user_name }}.

            Wenn Sie damit nicht gerechnet haben, müssen Sie nichts tun. Wenn Sie zwei Konten zusammenführen wollten, wenden Sie sich an uns.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.EmailChangeReported] = new(
            "Ein Kunde meldet bei {{ site.name }} eine Änderung seiner E-Mail-Adresse, die er nicht vorgenommen hat",
            $$$"""
            <p>{{{NoticeGreeting}}}</p>
            <p>der Inhaber von <strong>{{ notice.former_email }}</strong> sagt, dass er die E-Mail-Adresse seines Kontos bei <a href="{{ site.base_url }}">{{ site.name }}</a> nicht geändert hat. Das Konto meldet sich jetzt als <strong>{{ notice.account }}</strong> an.</p>
            <p>Alle Sitzungen des Kontos wurden beendet; sonst wurde nichts geändert. Entscheiden Sie in seinen <a href="{{ notice.review_url }}">Login-Daten</a>, wie es weitergeht: Geben Sie dem Konto zum Beispiel seine frühere Adresse zurück und bitten Sie den Inhaber unter {{ notice.former_email }} dann, das Passwort zurückzusetzen.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{NoticeGreeting}}}

            der Inhaber von {{ notice.former_email }} sagt, dass er die E-Mail-Adresse seines Kontos bei {{ site.name }} ({{ site.base_url }}) nicht geändert hat. Das Konto meldet sich jetzt als {{ notice.account }} an.

            Alle Sitzungen des Kontos wurden beendet; sonst wurde nichts geändert. Entscheiden Sie in seinen Login-Daten ({{ notice.review_url }}), wie es weitergeht: Geben Sie dem Konto zum Beispiel seine frühere Adresse zurück und bitten Sie den Inhaber unter {{ notice.former_email }} dann, das Passwort zurückzusetzen.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.PasskeyAdded] = new(
            "Ihrem Konto bei {{ site.name }} wurde ein Passkey hinzugefügt",
            $$$"""
            <p>{{{NoticeGreeting}}}</p>
            <p>Ihrem Konto <strong>{{ user_name }}</strong> bei <a href="{{ site.base_url }}">{{ site.name }}</a> wurde ein Passkey mit dem Namen <strong>{{ notice.passkey_name }}</strong> hinzugefügt. Er meldet ohne Passwort an.</p>
            <p>Wenn Sie ihn nicht hinzugefügt haben, <a href="{{ sign_in_url }}">melden Sie sich an</a>, entfernen Sie ihn auf der Seite Sicherheit und ändern Sie Ihr Passwort, oder wenden Sie sich an uns.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{NoticeGreeting}}}

            Ihrem Konto {{ user_name }} bei {{ site.name }} ({{ site.base_url }}) wurde ein Passkey mit dem Namen {{ notice.passkey_name }} hinzugefügt. Er meldet ohne Passwort an.

            Wenn Sie ihn nicht hinzugefügt haben, melden Sie sich unter {{ sign_in_url }} an, entfernen Sie ihn auf der Seite Sicherheit und ändern Sie Ihr Passwort, oder wenden Sie sich an uns.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.TwoFactorEnabled] = new(
            "Die Zwei-Faktor-Anmeldung ist für Ihr Konto bei {{ site.name }} eingeschaltet",
            $$$"""
            <p>{{{NoticeGreeting}}}</p>
            <p>für Ihr Konto <strong>{{ user_name }}</strong> bei <a href="{{ site.base_url }}">{{ site.name }}</a> wurde die Zwei-Faktor-Anmeldung eingeschaltet: Zur Anmeldung mit dem Passwort gehört jetzt auch ein Code aus Ihrer Authenticator-App.</p>
            <p>Wenn Sie das nicht waren, wenden Sie sich an uns.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{NoticeGreeting}}}

            für Ihr Konto {{ user_name }} bei {{ site.name }} ({{ site.base_url }}) wurde die Zwei-Faktor-Anmeldung eingeschaltet: Zur Anmeldung mit dem Passwort gehört jetzt auch ein Code aus Ihrer Authenticator-App.

            Wenn Sie das nicht waren, wenden Sie sich an uns.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.TwoFactorDisabled] = new(
            "Die Zwei-Faktor-Anmeldung ist für Ihr Konto bei {{ site.name }} ausgeschaltet",
            $$$"""
            <p>{{{NoticeGreeting}}}</p>
            <p>für Ihr Konto <strong>{{ user_name }}</strong> bei <a href="{{ site.base_url }}">{{ site.name }}</a> wurde die Zwei-Faktor-Anmeldung ausgeschaltet: Das Passwort allein meldet wieder an.</p>
            <p>Wenn Sie das nicht waren, <a href="{{ sign_in_url }}">melden Sie sich an</a>, ändern Sie Ihr Passwort und schalten Sie die Zwei-Faktor-Anmeldung auf der Seite Sicherheit wieder ein, oder wenden Sie sich an uns.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{NoticeGreeting}}}

            für Ihr Konto {{ user_name }} bei {{ site.name }} ({{ site.base_url }}) wurde die Zwei-Faktor-Anmeldung ausgeschaltet: Das Passwort allein meldet wieder an.

            Wenn Sie das nicht waren, melden Sie sich unter {{ sign_in_url }} an, ändern Sie Ihr Passwort und schalten Sie die Zwei-Faktor-Anmeldung auf der Seite Sicherheit wieder ein, oder wenden Sie sich an uns.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.RecoveryCodeUsed] = new(
            "Bei {{ site.name }} wurde ein Wiederherstellungscode verwendet",
            $$$"""
            <p>{{{NoticeGreeting}}}</p>
            <p>mit einem Wiederherstellungscode hat sich jemand bei Ihrem Konto <strong>{{ user_name }}</strong> bei <a href="{{ site.base_url }}">{{ site.name }}</a> angemeldet. Es bleiben {{ notice.recovery_codes_left }} Wiederherstellungscodes. Jeder funktioniert einmal.</p>
            <p>Wenn Sie das nicht waren, <a href="{{ sign_in_url }}">melden Sie sich an</a>, ändern Sie Ihr Passwort und erstellen Sie auf der Seite Sicherheit neue Wiederherstellungscodes, oder wenden Sie sich an uns.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{NoticeGreeting}}}

            mit einem Wiederherstellungscode hat sich jemand bei Ihrem Konto {{ user_name }} bei {{ site.name }} ({{ site.base_url }}) angemeldet. Es bleiben {{ notice.recovery_codes_left }} Wiederherstellungscodes. Jeder funktioniert einmal.

            Wenn Sie das nicht waren, melden Sie sich unter {{ sign_in_url }} an, ändern Sie Ihr Passwort und erstellen Sie auf der Seite Sicherheit neue Wiederherstellungscodes, oder wenden Sie sich an uns.

            {{ site.name }}
            """),
        [EmailTemplateDefinitions.TwoFactorReset] = new(
            "Die Zwei-Faktor-Anmeldung für Ihr Konto bei {{ site.name }} wurde zurückgesetzt",
            $$$"""
            <p>{{{NoticeGreeting}}}</p>
            <p>für Ihr Konto <strong>{{ user_name }}</strong> bei <a href="{{ site.base_url }}">{{ site.name }}</a> haben unsere Mitarbeiter die Zwei-Faktor-Anmeldung zurückgesetzt: Ihre Authenticator-App und Ihre Wiederherstellungscodes funktionieren nicht mehr, und das Passwort allein meldet an, bis Sie die Zwei-Faktor-Anmeldung auf der Seite Sicherheit wieder einrichten.</p>
            <p>Wenn Sie das nicht veranlasst haben, wenden Sie sich an uns.</p>
            <p>{{ site.name }}</p>
            """,
            $$$"""
            {{{NoticeGreeting}}}

            für Ihr Konto {{ user_name }} bei {{ site.name }} ({{ site.base_url }}) haben unsere Mitarbeiter die Zwei-Faktor-Anmeldung zurückgesetzt: Ihre Authenticator-App und Ihre Wiederherstellungscodes funktionieren nicht mehr, und das Passwort allein meldet an, bis Sie die Zwei-Faktor-Anmeldung auf der Seite Sicherheit wieder einrichten.

            Wenn Sie das nicht veranlasst haben, wenden Sie sich an uns.

            {{ site.name }}
            """),
    };
}
