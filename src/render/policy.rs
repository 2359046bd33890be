//! The Content-Security-Policy the portal's pages keep to, one text for every place that
//! states it: `pmo serve`'s answers, and the headers the README asks a web server's admin
//! to add. It is defence in depth: the build already lets no author-written script into
//! a page, and should a way past its checks ever be found, a browser given this policy
//! still runs no inline script, no handler attribute (`onerror=`) and no `javascript:`
//! address, loads no plugin, and lets no `<base>` move the page's links elsewhere.
//!
//! The portal's own pages need no inline script: the theme's scripts are files under
//! `js/`, and the one inline script pmo writes itself — an old address's redirect
//! ([`ALIAS_SCRIPT`]) — is the same text on every alias page, allowed by its hash.
//! Styles stay allowed inline: Markdown's tables align their cells with `style`, and the
//! home page draws its bars so; a style runs no script.

/// The redirect script of every alias page (`render::alias`): it reads where to go
/// from the page's `<meta name="pmo-alias">`, so that its text, and so its hash in the
/// policy, never changes. Changing one byte of it means changing [`ALIAS_SCRIPT_HASH`]
/// (`tests/injection_15.rs` lands on the page from an alias under this policy).
pub const ALIAS_SCRIPT: &str = "(function () { var m = document.querySelector('meta[name=\"pmo-alias\"]'); location.replace((location.protocol === \"file:\" ? m.getAttribute(\"data-file\") : m.content) + location.hash); })();";

/// The base64 SHA-256 of [`ALIAS_SCRIPT`], as CSP names an inline script it allows.
const ALIAS_SCRIPT_HASH: &str = "sha256-S/8wWTo6v/Ep7yAtyuuDo9zkgL3Kjh7aTMR/EDXLb3Q=";

/// What no page of a site that does not trust its authors' HTML needs: scripts only
/// from the site's own files; images and media also from other hosts (an author's image
/// from another host is kept, with a warning); no plugins; forms and `<base>` only to the
/// site.
const SHARED: &str = "default-src 'self'; script-src 'self' 'ALIAS'; \
     style-src 'self' 'unsafe-inline'; img-src 'self' data: http: https:; \
     media-src 'self' http: https:; object-src 'none'; base-uri 'self'; form-action 'self'";

/// The policy a web server sends with every file of the site (`pmo serve` does; the
/// README shows nginx and IIS how): the pages' policy, and framed only by the site itself,
/// which only a header can say.
pub fn content_security_policy() -> String {
    format!(
        "{}; frame-ancestors 'self'",
        SHARED.replace("ALIAS", ALIAS_SCRIPT_HASH)
    )
}

/// The policy each page of the default theme states itself (`<meta http-equiv>`), so
/// that it holds on a server whose admin added no header and from a file share. `file:`
/// stands beside `'self'`: a browser may take a page opened from a file for an origin of
/// its own, and the site's scripts, styles and images are files beside it.
pub fn page_policy() -> String {
    SHARED
        .replace("'self'", "'self' file:")
        .replace("ALIAS", ALIAS_SCRIPT_HASH)
}

/// The policy of a site with `trust_html = true`: its authors' scripts, inline ones and
/// those from other hosts included, are theirs to run, so only what no page needs is
/// refused.
pub const TRUSTED_POLICY: &str = "base-uri 'self'; frame-ancestors 'self'";

/// The header policy for a site, by whether it trusts its authors' HTML.
pub fn policy_for(trust_html: bool) -> String {
    if trust_html {
        TRUSTED_POLICY.to_string()
    } else {
        content_security_policy()
    }
}
