// Progressive enhancements for the admin pages. Every page works without this script;
// it lives in a file (never inline) so the Content-Security-Policy can forbid inline script.
document.addEventListener('change', (event) => {
    const target = event.target;
    if (target instanceof HTMLSelectElement && target.hasAttribute('data-autosubmit') && target.form) {
        target.form.submit();
    }
});
