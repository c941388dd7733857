// Passkeys: the browser's WebAuthn, driven by the options the server makes (ASP.NET Core
// Identity's own JSON). A form marked data-passkey-create or data-passkey-get first posts for
// options, then asks the browser for a credential, puts its JSON into the form and submits it.
// Without WebAuthn (or without this script) the forms stay hidden and password sign-in is unchanged.
(() => {
    const supported = typeof window.PublicKeyCredential === 'function'
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';

    for (const form of document.querySelectorAll('form[data-passkey-create], form[data-passkey-get]')) {
        form.hidden = !supported;
    }

    for (const note of document.querySelectorAll('[data-passkey-unsupported]')) {
        note.hidden = supported;
    }

    async function optionsFrom(form, url) {
        const token = form.querySelector('input[name="__RequestVerificationToken"]');
        const response = await fetch(url, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { RequestVerificationToken: token ? token.value : '' },
        });
        if (!response.ok) {
            throw new Error(`The server answered ${response.status}.`);
        }

        return response.json();
    }

    async function credentialFor(form) {
        if (form.hasAttribute('data-passkey-create')) {
            const options = await optionsFrom(form, form.getAttribute('data-passkey-create'));
            return navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options) });
        }

        const options = await optionsFrom(form, form.getAttribute('data-passkey-get'));
        return navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options) });
    }

    async function useAPasskey(form) {
        const error = form.querySelector('[data-passkey-error]');
        error.textContent = '';
        const emailField = form.getAttribute('data-email-field');
        if (emailField && document.querySelector(emailField)) {
            form.querySelector('input[name="TypedEmail"]').value = document.querySelector(emailField).value;
        }

        try {
            const credential = await credentialFor(form);
            form.querySelector('input[name="CredentialJson"]').value = JSON.stringify(credential);
            form.submit();
        } catch {
            // The person cancelled, or the device refused: say so, and leave the page as it was.
            error.textContent = form.getAttribute('data-error');
        }
    }

    const passkeyForm = (element) => element instanceof Element ? element.closest('form[data-passkey-create], form[data-passkey-get]') : null;

    // The sign-in pages' passkey button is a plain button (the page's one submit button stays the
    // password's); the Security page's form may also be sent with Enter.
    document.addEventListener('click', (event) => {
        const button = event.target instanceof Element ? event.target.closest('button[data-passkey-start]') : null;
        if (button && passkeyForm(button)) {
            event.preventDefault();
            useAPasskey(passkeyForm(button));
        }
    });

    document.addEventListener('submit', (event) => {
        const form = passkeyForm(event.target);
        if (form) {
            event.preventDefault();
            useAPasskey(form);
        }
    });
})();
