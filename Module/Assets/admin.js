// Progressive enhancements for the admin pages. Every page works without this script;
// it lives in a file (never inline) so the Content-Security-Policy can forbid inline script.
document.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute('data-autosubmit') && target.form) {
        target.form.submit();
    }
});

// Buttons with data-confirm ask first (Generate password); Cancel leaves the page untouched.
document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-confirm]') : null;
    if (button && !window.confirm(button.getAttribute('data-confirm'))) {
        event.preventDefault();
    }
});

// The live strength meter. zxcvbn.js is the same script the server runs in Jint, and the
// customer's details are counted against the password on both sides, so both give one verdict.
// The words come from the server in the page's language (data-texts); the level ids stay English.
const strengthLevels = ['weak', 'acceptable', 'average', 'strong', 'excellent'];

function updateStrengthMeter(input) {
    const meter = document.querySelector(input.getAttribute('data-strength-meter'));
    if (!meter || typeof window.zxcvbn !== 'function') {
        return;
    }

    const texts = JSON.parse(meter.getAttribute('data-texts') || '{}');
    const levelName = (score) => (texts.levels || strengthLevels)[score];
    const name = meter.querySelector('.strength-name');
    const advice = meter.querySelector('.strength-advice');
    advice.replaceChildren();
    if (input.value.length === 0) {
        meter.setAttribute('data-level', '');
        name.textContent = texts.empty || 'Type a password';
        return;
    }

    const userInputs = JSON.parse(input.getAttribute('data-user-inputs') || '[]');
    // On registration the person's details are still being typed: count them as they stand.
    for (const selector of (input.getAttribute('data-user-input-fields') || '').split(',').filter(Boolean)) {
        const field = document.querySelector(selector);
        if (field && field.value) {
            userInputs.push(field.value);
        }
    }

    const minimum = Number(input.getAttribute('data-minimum') || '0');
    const result = window.zxcvbn(input.value.slice(0, 100), userInputs);
    const level = strengthLevels[result.score];
    meter.setAttribute('data-level', level);
    meter.setAttribute('data-score', String(result.score));
    name.textContent = result.score < minimum
        ? (texts.belowMinimum || '{0} (below the required {1})').replace('{0}', levelName(result.score)).replace('{1}', levelName(minimum))
        : levelName(result.score);

    if (result.score < minimum) {
        for (const text of [result.feedback.warning, ...result.feedback.suggestions]) {
            if (text) {
                const item = document.createElement('li');
                item.textContent = (texts.feedback || {})[text] || text;
                advice.append(item);
            }
        }
    }
}

document.addEventListener('input', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.hasAttribute('data-strength-meter')) {
        updateStrengthMeter(event.target);
    }
});

// Set-up: the site name follows the chosen recipe's own name until the person types one.
document.addEventListener('change', (event) => {
    const select = event.target;
    if (!(select instanceof HTMLSelectElement)) {
        return;
    }

    const field = document.querySelector(`input[data-recipe-site-name="#${select.id}"]`);
    if (!field) {
        return;
    }

    const previous = field.getAttribute('data-suggested') ?? field.defaultValue;
    const suggested = select.selectedOptions[0]?.getAttribute('data-site-name') || field.getAttribute('data-default-site-name');
    if (field.value === previous && suggested) {
        field.value = suggested;
        field.setAttribute('data-suggested', suggested);
    }
});

// The set-password link carries its token in the URL fragment, which browsers never send to a
// server (so no log can hold it). Move it into the form and out of the address bar.
document.addEventListener('DOMContentLoaded', () => {
    const form = document.querySelector('form[data-token-from-fragment]');
    if (!form || !window.location.hash) {
        return;
    }

    const values = new URLSearchParams(window.location.hash.slice(1));
    form.querySelector('input[name="User"]').value = values.get('user') || '';
    form.querySelector('input[name="Token"]').value = values.get('token') || '';
    // An email change's link also names the address it is about, which the page shows.
    const email = form.querySelector('input[name="Email"]');
    if (email) {
        email.value = values.get('email') || '';
        document.querySelectorAll('[data-fragment-text="email"]').forEach((shown) => { shown.textContent = email.value; });
    }

    history.replaceState(null, '', window.location.pathname);
});

// The Customers list's bulk bar: "select all on this page", and how many rows are ticked.
function updateSelectedCount(formId) {
    const boxes = [...document.querySelectorAll(`input[type=checkbox][name=Ids][form="${formId}"]`)];
    const ticked = boxes.filter((box) => box.checked).length;
    const counter = document.getElementById('bulk-selected-count');
    if (counter) {
        counter.textContent = ticked === 0 ? '' : (counter.getAttribute('data-text') || '{0} selected').replace('{0}', ticked.toLocaleString(document.documentElement.lang || undefined));
    }

    const all = document.querySelector(`input[data-select-all="${formId}"]`);
    if (all) {
        all.checked = boxes.length > 0 && ticked === boxes.length;
        all.indeterminate = ticked > 0 && ticked < boxes.length;
    }
}

document.addEventListener('change', (event) => {
    const target = event.target;
    if (!(target instanceof HTMLInputElement) || target.type !== 'checkbox') {
        return;
    }

    const formId = target.getAttribute('data-select-all');
    if (formId) {
        for (const box of document.querySelectorAll(`input[type=checkbox][name=Ids][form="${formId}"]`)) {
            box.checked = target.checked;
        }

        updateSelectedCount(formId);
    } else if (target.name === 'Ids' && target.getAttribute('form')) {
        updateSelectedCount(target.getAttribute('form'));
    }
});

// A bulk job's page follows its progress while it runs, then reloads to show the outcome.
const jobSection = document.querySelector('[data-progress-url]');
if (jobSection) {
    const url = jobSection.getAttribute('data-progress-url');
    const format = (value) => value.toLocaleString(document.documentElement.lang || undefined);
    const poll = async () => {
        try {
            const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
            if (response.ok) {
                const progress = await response.json();
                const bar = document.getElementById('job-progress');
                bar.max = Math.max(progress.total, 1);
                bar.value = Math.min(progress.processed, bar.max);
                for (const name of ['processed', 'total', 'succeeded', 'failed']) {
                    const element = jobSection.querySelector(`[data-count="${name}"]`);
                    if (element) {
                        element.textContent = format(progress[name]);
                    }
                }

                if (progress.finished) {
                    window.location.reload();
                    return;
                }
            }
        } catch {
            // A missed poll is harmless; the next one catches up.
        }

        window.setTimeout(poll, 1000);
    };
    window.setTimeout(poll, 1000);
}
