'use strict';

// Passkeys on the hosted pages. A form marked data-passkey="create" or "get" stays hidden unless the browser has
// WebAuthn; an element marked data-passkey-unsupported, which says it has not, is hidden when it has. When submitted,
// the form asks the server for a ceremony (data-passkey-options, posted with the form's fields and antiforgery token),
// runs it in the browser, puts the answer in the form's Credential field and posts the form. A sign-in form marked
// data-passkey-autofill="on" also offers the passkeys in the email field's autofill. A form marked
// data-passkey-remember="id" sends that checkbox's choice (elsewhere on the page) as its RememberDevice.
(() => {
    const supported = typeof window.PublicKeyCredential === 'function'
        && typeof PublicKeyCredential.parseCreationOptionsFromJSON === 'function'
        && typeof PublicKeyCredential.parseRequestOptionsFromJSON === 'function';
    if (!supported) {
        return;
    }

    for (const notice of document.querySelectorAll('[data-passkey-unsupported]')) {
        notice.hidden = true;
    }

    let pending = null;

    for (const form of document.querySelectorAll('form[data-passkey]')) {
        form.hidden = false;
        form.addEventListener('submit', event => {
            event.preventDefault();
            run(form, undefined);
        });
        if (form.dataset.passkeyAutofill === 'on') {
            PublicKeyCredential.isConditionalMediationAvailable?.().then(available => {
                if (available) {
                    run(form, 'conditional');
                }
            });
        }
    }

    async function run(form, mediation) {
        // One ceremony at a time: a button press ends the autofill request that waits in the background.
        pending?.abort();
        const controller = new AbortController();
        pending = controller;
        say(form, '');
        try {
            const options = await begin(form);
            const credential = form.dataset.passkey === 'create'
                ? await navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(options), signal: controller.signal })
                : await navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(options), mediation, signal: controller.signal });
            form.elements.Credential.value = JSON.stringify(credential);
            const remember = form.dataset.passkeyRemember && document.getElementById(form.dataset.passkeyRemember);
            if (remember && form.elements.RememberDevice) {
                form.elements.RememberDevice.value = remember.checked ? 'true' : 'false';
            }

            form.submit();
        } catch (error) {
            // The autofill request waits in the background: it never interrupts the page with an error.
            if (controller.signal.aborted || mediation === 'conditional') {
                return;
            }

            say(form, error.name === 'NotAllowedError'
                ? 'The passkey request was cancelled or timed out. Try again.'
                : error.name === 'InvalidStateError'
                    ? 'This passkey is already registered.'
                    : error.message || 'The passkey request failed. Reload the page and try again.');
        }
    }

    async function begin(form) {
        const response = await fetch(form.dataset.passkeyOptions, {
            method: 'POST',
            body: new FormData(form),
            credentials: 'same-origin',
            headers: { Accept: 'application/json' },
        });
        const body = (response.headers.get('Content-Type') || '').includes('json') ? await response.json() : null;
        if (!response.ok || body === null) {
            throw new Error(body?.detail || 'The page expired. Reload it and try again.');
        }

        form.elements.CeremonyId.value = body.ceremony;
        return body.options;
    }

    function say(form, text) {
        const error = form.querySelector('[data-passkey-error]');
        if (error) {
            error.textContent = text;
            error.hidden = text === '';
        }
    }
})();
