//! Attachments a browser would run. Everything under `content/` that is not a page is
//! copied as it is, and a browser opens an `.html`, `.svg` or `.xml` file from the
//! portal as a document of the portal's own origin: a `<script>` in an attachment, or
//! an `onload` on an SVG diagram, ran with every page's rights although raw HTML in
//! Markdown is sanitized. Without `trust_html`, such a file is refused: HTML (whose ways
//! to run a script no scan can list) by its type, SVG and XML at the first part that
//! could run one.

use std::path::Path;
use std::sync::Arc;

use crate::diagnostics::{Diagnostic, Location, Problem};
use crate::source::MAX_TEXT_BYTES;
use crate::t;

mod dtd;
mod sniff;

use dtd::{declaration_end, declaration_runs};
use sniff::{html_opening, opening, TEXT_TYPES};

/// Extensions a browser shows as a web page: refused whatever they hold. `.svgz` is a
/// compressed SVG no scan reads, which a server sending it gzip-encoded lets run. IIS
/// serves `.hxt` as HTML, and `.stm` and `.shtm` through its server-side includes; the
/// others run on the web server itself where it runs PHP, ASP.NET, JSP or CGI.
const PAGE_TYPES: &[&str] = &[
    "html", "htm", "xhtml", "xht", "xhtm", "shtml", "shtm", "stm", "hxt", "mht", "mhtml", "xsl",
    "xslt", "svgz", "hta", "php", "php3", "php4", "php5", "php7", "phtml", "phar", "asp", "aspx",
    "ashx", "asmx", "cshtml", "vbhtml", "jsp", "jspx", "cfm", "cgi",
];

/// The extension of `name` that makes it a page, if any: each of its extensions counts,
/// as Apache reads them all, giving `报告.html.zh` (a language, named as its content
/// negotiation names files) or `报告.html.v2` (an extension it does not know) the type of
/// `.html`.
fn page_type(name: &str) -> Option<String> {
    name.split('.')
        .skip(1)
        .map(str::to_ascii_lowercase)
        .find(|ext| PAGE_TYPES.contains(&ext.as_str()))
}

/// Extensions a web server sends as JavaScript. The pages' Content-Security-Policy runs
/// any script of the site's own files (`script-src 'self'`): an author's `.js` published
/// under content/ would be one, there for whatever markup ever got past the sanitizer to
/// load, which the policy is meant to stop (and, as `/sw.js`, a service worker's script).
const SCRIPT_FILES: &[&str] = &["js", "mjs", "cjs"];

/// Extensions a browser parses as XML documents, where scripts run too: scanned. Any
/// other attachment whose text opens like markup is scanned as well ([`sniff::opening`]):
/// `.rss`, `.atom`, `.xsd` and the many `+xml` types render as documents too.
const XML_TYPES: &[&str] = &["svg", "xml"];

/// Bytes read of an attachment to tell whether it is UTF-16.
const SNIFF_BYTES: usize = 1024;

/// Elements that run or load a script or another document, whatever their namespace.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "embed", "object", "applet", "base", "meta",
    "handler", "listener",
];

/// Address schemes that run what follows them when followed or loaded.
const SCRIPT_SCHEMES: &[&str] = &[
    "javascript:",
    "vbscript:",
    "data:text/html",
    "data:application/xhtml",
    "data:image/svg",
];

/// Whether an edit to the attachment at `rel` must go through [`check`] again: any may
/// have become markup (`pmo serve` copies the others as they are saved), except the
/// types that are never documents.
pub fn is_checked(rel: &str) -> bool {
    let ext = rel
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    !matches!(
        ext.as_str(),
        "png"
            | "jpg"
            | "jpeg"
            | "gif"
            | "webp"
            | "avif"
            | "ico"
            | "bmp"
            | "pdf"
            | "docx"
            | "xlsx"
            | "pptx"
            | "doc"
            | "xls"
            | "ppt"
            | "zip"
            | "mp4"
            | "mp3"
            | "woff"
            | "woff2"
    )
}

/// Errors for the attachments in `assets` (relative to `content_dir`, shown under
/// `content/`) a browser would run a script from.
pub fn check(content_dir: &Path, assets: &[String]) -> Vec<Diagnostic> {
    assets
        .iter()
        .filter_map(|rel| check_one(content_dir, rel))
        .collect()
}

/// The problem with the attachment `rel`, if any (see [`check`]).
fn check_one(content_dir: &Path, rel: &str) -> Option<Diagnostic> {
    // `x.html.` and `x.html ` are `x.html` once on a Windows share.
    let trimmed = Path::new(rel.trim_end_matches(['.', ' ']));
    let ext = trimmed
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let shown = Path::new("content").join(rel);
    let name = trimmed
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase());
    if name.as_deref() == Some("web.config") {
        return Some(server_configuration(&shown));
    }
    if let Some(ext) = name.as_deref().and_then(page_type) {
        return Some(opens_as_page(&shown, &ext));
    }
    if SCRIPT_FILES.contains(&ext.as_str()) {
        return Some(script_of_the_sites_own(&shown, &ext));
    }
    let path = content_dir.join(rel);
    // An unreadable file is told when it is copied.
    let head = head_of(&path)?;
    let wide = utf16_of(&head);
    let opening = opening(&path, wide);
    let xml = XML_TYPES.contains(&ext.as_str());
    if !xml && !opening.starts_with('<') {
        return None;
    }
    if !xml && !TEXT_TYPES.contains(&ext.as_str()) {
        if let Some(tag) = html_opening(&opening) {
            return Some(sniffed_as_page(&shown, tag));
        }
    }
    // Measured first: one too large to read is not left unchecked.
    let bytes = match crate::source::read_at_most(&path, MAX_TEXT_BYTES).ok()? {
        Ok(bytes) => bytes,
        Err(size) => return Some(too_large_to_check(&shown, size)),
    };
    // The scan reads bytes as UTF-8 (any ASCII-compatible encoding reads alike
    // where markup is concerned); a browser decodes UTF-16, and drops the escape
    // sequences of ISO-2022-JP, which may sit between the letters of `<script>`.
    let hidden = wide
        .map(|e| e.name())
        .or_else(|| bytes.contains(&0).then_some("UTF-16"))
        .or_else(|| bytes.contains(&0x1b).then_some("ISO-2022-JP"));
    if let Some(encoding) = hidden {
        return Some(unscannable_encoding(&shown, encoding));
    }
    let readings = readings(&bytes);
    for text in &readings {
        if let Some((at, len, what)) = first_active(text) {
            return Some(runs_a_script(Location::new(&shown, text, at, len), &what));
        }
    }
    let text = &readings[0];
    let (at, len, what) = first_remote(text)?;
    Some(loads_from_elsewhere(
        Location::new(&shown, text, at, len),
        &what,
    ))
}

/// The error for a `web.config` (`shown`): IIS reads it from any folder it serves, MIME
/// types (an image served as a page), redirects and headers, set by whoever writes
/// content.
fn server_configuration(shown: &Path) -> Diagnostic {
    Diagnostic::error(Problem::Content(t!(
        "a `web.config` under content/ would configure the web server that serves the portal (IIS reads it from any folder)"
    )))
    .in_file(shown)
    .with_help(t!(
        "remove it; the server's configuration belongs to whoever runs the server, outside the site"
    ))
}

/// The error for an attachment (`shown`) whose extension `ext` makes it a page. A page of
/// a Confluence space export, named by its page id (`12345678.html`), is told how to bring
/// it over instead: it was told to publish it as a PDF (the eleventh walk-through).
fn opens_as_page(shown: &Path, ext: &str) -> Diagnostic {
    let stem = shown.file_stem().map(|s| s.to_string_lossy().to_string());
    if let Some(id) = stem.filter(|s| s.len() >= 5 && s.bytes().all(|b| b.is_ascii_digit())) {
        return Diagnostic::error(Problem::Content(t!(
            "an `.{ext}` attachment opens as a page of the portal and runs any script it holds, and raw HTML is not trusted on this site",
            ext = ext
        )))
        .in_file(shown)
        .with_help(t!(
            "named by a page id, it reads as a page of a Confluence space export: pmo reads pages written in Markdown. Move the export out of content/ and bring the whole space in with `pmo import html <export folder>`, which writes each page as Markdown with the files of `attachments/{id}/` beside it; or write this one by hand, named for its title (`vendor-management.md`, the title in `title:`): its text, its tables as Markdown tables, its panels as `{{info}}` … `{{info}}` pairs or `> [!info]` callouts; move the images of `attachments/{id}/` beside it and delete the `.{ext}` file",
            id = id,
            ext = ext
        ));
    }
    refused_as_page(
        shown,
        t!(
            "an `.{ext}` attachment opens as a page of the portal and runs any script it holds, and raw HTML is not trusted on this site",
            ext = ext
        ),
    )
}

/// The error for a script file (`shown`, of extension `ext`) under content/.
fn script_of_the_sites_own(shown: &Path, ext: &str) -> Diagnostic {
    Diagnostic::error(Problem::Content(t!(
        "a `.{ext}` file under content/ is published as a script of the portal's own, which its pages' Content-Security-Policy lets run, and raw HTML is not trusted on this site",
        ext = ext
    )))
    .in_file(shown)
    .with_help(t!(
        "to share code with readers, attach it zipped or as a `.txt`; the site's own scripts belong in static/js/; if every author of this site may run scripts, set `trust_html = true` in site.toml"
    ))
}

/// The error for an attachment (`shown`) that opens as an HTML page does (`tag`).
fn sniffed_as_page(shown: &Path, tag: &str) -> Diagnostic {
    refused_as_page(
        shown,
        t!(
            "this file opens like an HTML page (`{tag}`): a web server that names no type for it (as Apache does for a name it does not know) lets the browser open it as a page of the portal, running any script it holds, and raw HTML is not trusted on this site",
            tag = tag
        ),
    )
}

/// The error for an attachment (`shown`) that a browser opens as a page, `why`.
fn refused_as_page(shown: &Path, why: crate::messages::Text) -> Diagnostic {
    Diagnostic::error(Problem::Content(why))
        .in_file(shown)
        .with_help(t!(
            "publish it as a PDF or write it as a Markdown page; if every author of this site may run scripts, set `trust_html = true` in site.toml"
        ))
}

/// The error for markup (`shown`) in an `encoding` the scan does not read.
fn unscannable_encoding(shown: &Path, encoding: &str) -> Diagnostic {
    Diagnostic::error(Problem::Content(t!(
        "this file is markup saved as {encoding}, which a browser decodes but the build cannot check for scripts",
        encoding = encoding
    )))
    .in_file(shown)
    .with_help(t!(
        "save it as UTF-8 (in most editors: Save As → Encoding: UTF-8)"
    ))
}

/// The error for `what`, at `at`, that would run a script.
fn runs_a_script(at: Location, what: &str) -> Diagnostic {
    Diagnostic::error(Problem::Content(t!(
        "`{what}` in this file would run a script when the file is opened from the portal",
        what = what
    )))
    .at(at)
    .with_help(t!(
        "remove it (a drawing needs no script); if every author of this site may run scripts, set `trust_html = true` in site.toml"
    ))
}

/// The warning for `what`, at `at`, loaded from another host.
fn loads_from_elsewhere(at: Location, what: &str) -> Diagnostic {
    Diagnostic::warning(Problem::Content(t!(
        "this file loads `{what}` from another host when it is opened: the portal then needs the network, and that host learns who reads it",
        what = what
    )))
    .at(at)
    .with_help(t!(
        "copy what it loads into the site and point at the copy (or embed it in the file)"
    ))
}

/// The error for a markup attachment (`shown`) of `size` bytes, more than the scan reads:
/// refused rather than left unchecked.
fn too_large_to_check(shown: &Path, size: u64) -> Diagnostic {
    Diagnostic::error(Problem::Content(t!(
        "this markup file is {size} MB, too large to check for scripts (at most {max} MB)",
        size = size / 1_000_000,
        max = MAX_TEXT_BYTES / 1_000_000
    )))
    .in_file(shown)
    .with_help(t!("make it smaller, or publish it as a PNG or a PDF"))
}

/// The text of markup as read for scripts: as UTF-8, and also in the encoding its XML
/// declaration names (`encoding="Shift_JIS"`) when that is another, as a browser decodes
/// it. There a lead byte takes the ASCII byte after it: a `]` that read as UTF-8 ended
/// a CDATA section the browser goes on reading, and a comment opened after it hid the
/// `<script>` past the section's real end. Both readings are checked, so that neither a
/// byte order mark nor a declaration the browser passes over can hide a script.
fn readings(bytes: &[u8]) -> Vec<Arc<str>> {
    let mut texts = vec![Arc::from(String::from_utf8_lossy(bytes).as_ref())];
    let declared = bytes.strip_prefix(b"<?xml").and_then(|rest| {
        let end = rest.windows(2).position(|w| w == b"?>")?;
        let decl = std::str::from_utf8(&rest[..end]).ok()?;
        let value = decl[decl.find("encoding")? + 8..]
            .trim_start()
            .strip_prefix('=')?
            .trim_start();
        let quote = value.chars().next().filter(|c| matches!(c, '"' | '\''))?;
        let label = value[1..].split(quote).next()?;
        encoding_rs::Encoding::for_label(label.trim().as_bytes())
    });
    if let Some(encoding) = declared.filter(|e| *e != encoding_rs::UTF_8) {
        let (text, _) = encoding.decode_without_bom_handling(bytes);
        texts.push(Arc::from(text.as_ref()));
    }
    texts
}

/// The first bytes of the file at `path`, enough to tell whether it is UTF-16.
fn head_of(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    std::fs::File::open(path)
        .and_then(|f| f.take(SNIFF_BYTES as u64).read_to_end(&mut head))
        .ok()?;
    Some(head)
}

/// The UTF-16 a browser would read `head` as: a byte order mark says which, and so
/// does a NUL byte beside each ASCII one (`<\0s\0` is little-endian), which a browser
/// also follows when the file's XML declaration names UTF-16.
fn utf16_of(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    match head {
        [0xff, 0xfe, ..] => Some(encoding_rs::UTF_16LE),
        [0xfe, 0xff, ..] => Some(encoding_rs::UTF_16BE),
        [a, 0, ..] if *a != 0 => Some(encoding_rs::UTF_16LE),
        [0, b, ..] if *b != 0 => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// The first part of an XML document that could run a script: its byte offset, length
/// and text (shortened). Comments and CDATA are text; the declarations of a DTD count,
/// since an entity can expand into any markup and an `<!ATTLIST>` gives an element
/// attributes it does not write (an `onload`), and an attribute is read with the
/// entities it names expanded (`&j;script:` where `j` is `java`).
fn first_active(text: &str) -> Option<(usize, usize, String)> {
    let bytes = text.as_bytes();
    let mut entities: Vec<(String, String)> = Vec::new();
    let mut i = 0;
    while let Some(found) = text[i..].find('<') {
        let at = i + found;
        let rest = &text[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            i = at + 4 + after.find("-->").map_or(after.len(), |e| e + 3);
            continue;
        }
        if let Some(after) = rest.strip_prefix("<![CDATA[") {
            i = at + 9 + after.find("]]>").map_or(after.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<?") {
            let end = rest.find('>').map_or(rest.len(), |e| e + 1);
            if rest[..end]
                .to_ascii_lowercase()
                .starts_with("<?xml-stylesheet")
            {
                return Some((at, end, shorten(&rest[..end])));
            }
            i = at + end;
            continue;
        }
        if rest.starts_with("<!") {
            let end = declaration_end(bytes, at);
            let decl = &text[at..end];
            if declaration_runs(decl, &mut entities) {
                return Some((at, decl.len(), shorten(decl)));
            }
            i = end;
            continue;
        }
        let tag_end = tag_end(bytes, at + 1);
        let tag = &text[at..tag_end];
        let (name, local) = element_name(tag);
        if ACTIVE_ELEMENTS.contains(&local.as_str()) {
            return Some((at, name.len() + 1, format!("<{name}>")));
        }
        for (offset, end, attr, value) in attributes(tag) {
            if attribute_runs(attr, value, &entities) {
                return Some((at + offset, end - offset, shorten(&tag[offset..end])));
            }
        }
        i = tag_end.max(at + 1);
    }
    None
}

/// Whether an attribute, written on an element or given by a DTD, runs a script: an
/// event handler, or an address with a script scheme once `entities` are expanded.
fn attribute_runs(name: &str, value: &str, entities: &[(String, String)]) -> bool {
    let local = name.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
    local.starts_with("on") && local.len() > 2 || {
        let address = normalized(&expanded(value, entities));
        SCRIPT_SCHEMES.iter().any(|s| address.contains(s))
    }
}

/// The first address of `text` that loads from another host when a browser opens it: an
/// `href` or `src` whose value starts `http:`, `https:` or `//` (an SVG's `<image href>`,
/// a stylesheet's `<link href>`), or a stylesheet's `url(…)` or `@import` so written. A
/// link a reader must follow (`<a href>`) loads nothing by itself, and is left alone.
fn first_remote(text: &str) -> Option<(usize, usize, String)> {
    let mut i = 0;
    while let Some(found) = text[i..].find('<') {
        let at = i + found;
        let rest = &text[at..];
        if rest.starts_with("<!") || rest.starts_with("<?") {
            i = at + rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        let end = tag_end(text.as_bytes(), at + 1);
        let tag = &text[at..end];
        if element_name(tag).1 != "a" {
            for (offset, end, attr, value) in attributes(tag) {
                let attr = attr.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
                // Only what loads: `xmlns="http://www.w3.org/2000/svg"` names, no more.
                if matches!(attr.as_str(), "href" | "src") && is_remote(&normalized(value)) {
                    return Some((at + offset, end - offset, shorten(&tag[offset..end])));
                }
            }
        }
        i = end.max(at + 1);
    }
    let lower = text.to_ascii_lowercase();
    for key in ["url(", "@import"] {
        let mut from = 0;
        while let Some(found) = lower[from..].find(key) {
            let at = from + found;
            let value =
                lower[at + key.len()..].trim_start_matches([' ', '\t', '\n', '"', '\'', '(']);
            if is_remote(value) {
                let len = lower[at..]
                    .find([')', ';', '\n'])
                    .unwrap_or(lower.len() - at);
                return Some((at, len, shorten(&text[at..at + len])));
            }
            from = at + key.len();
        }
    }
    None
}

/// A tag's element name as written (`svg:script`), and its local part lowercased.
fn element_name(tag: &str) -> (String, String) {
    let name: String = tag[1..]
        .chars()
        .take_while(|c| !c.is_whitespace() && !matches!(c, '/' | '>'))
        .collect();
    let local = name.rsplit(':').next().unwrap_or("").to_ascii_lowercase();
    (name, local)
}

/// Whether an address (lowercased, see [`normalized`]) names another host: with a
/// scheme, or without one as pages' raw HTML is checked (`//host`, `\\host`, `/\host`).
fn is_remote(address: &str) -> bool {
    ["http:", "https:", "ftp:"]
        .iter()
        .any(|p| address.starts_with(p))
        || crate::markdown::leaves_unsaid(address)
}

/// `value` with each `&name;` of the declared `entities` replaced by its text.
fn expanded(value: &str, entities: &[(String, String)]) -> String {
    let mut out = value.to_string();
    for (name, text) in entities {
        out = out.replace(&format!("&{name};"), text);
    }
    out
}

/// Where the tag starting before `from` ends (after its `>`), quoted values skipped.
pub fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    for (j, &b) in bytes.iter().enumerate().skip(from) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return j + 1,
            _ => {}
        }
    }
    bytes.len()
}

/// A tag's attributes: each one's start and end in `tag`, name and raw value.
pub fn attributes(tag: &str) -> Vec<(usize, usize, &str, &str)> {
    let mut found = Vec::new();
    let bytes = tag.as_bytes();
    // Past the element's name.
    let mut i = 1 + tag[1..]
        .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
        .unwrap_or(tag.len() - 1);
    while i < bytes.len() {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            break;
        }
        let start = i;
        while i < bytes.len() && !bytes[i].is_ascii_whitespace() && !matches!(bytes[i], b'=' | b'>')
        {
            i += 1;
        }
        let name = &tag[start..i];
        while i < bytes.len() && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = "";
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < bytes.len() && matches!(bytes[i], b'"' | b'\'') {
                let q = bytes[i];
                let from = i + 1;
                let to = bytes[from..]
                    .iter()
                    .position(|&b| b == q)
                    .map_or(bytes.len(), |p| from + p);
                value = &tag[from..to];
                i = (to + 1).min(bytes.len());
            } else {
                let from = i;
                while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                    i += 1;
                }
                value = &tag[from..i];
            }
        }
        if name.is_empty() {
            i += 1;
            continue;
        }
        found.push((start, i, name, value));
    }
    found
}

/// An attribute value as a browser reads an address: character references decoded,
/// whitespace and control characters (which URL parsing drops) removed, lowercased.
fn normalized(value: &str) -> String {
    crate::escape::attribute_value(value)
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_lowercase()
}

/// At most 60 characters of `text`, for a message.
fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests;
