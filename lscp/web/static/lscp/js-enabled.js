// Loaded at the top of <body>, before anything is drawn: GOV.UK Frontend styles its
// components differently once it knows scripts run. A file, not an inline script, so the
// Content-Security-Policy can refuse every inline script.
document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');
