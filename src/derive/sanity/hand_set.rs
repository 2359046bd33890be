//! A status set green by hand that the project's own figures contradict: the page
//! shows the hand's green first and the computed status small beside it, so a steering
//! committee reading green over a CPI of 0.80 or a milestone weeks overdue is told the
//! project is fine by the one line meant to be looked at. Graded by the same
//! [`crate::derive::grade`] that computes the status shown, so the rules live in one
//! place.

use crate::config::Thresholds;
use crate::content::page::ProjectInfo;
use crate::content::schema::Rag;
use crate::data::ProjectData;
use crate::diagnostics::Diagnostic;
use crate::t;

use super::FrontMatter;

/// A warning at `rag: green` when the figures grade the project red, or one of its
/// milestones is overdue (not reached, and its forecast, else its baseline, before the
/// as-of day). A green over figures graded amber is what the override is for (a
/// committee judging a dip passing), and the page shows the computed amber beside it.
pub(super) fn green_by_hand(
    info: &ProjectInfo,
    data: Option<&ProjectData>,
    front: &FrontMatter,
    thresholds: &Thresholds,
) -> Option<Diagnostic> {
    if info.rag != Some(Rag::Green) {
        return None;
    }
    let data = data?;
    let figures = crate::derive::key_figures(info, data);
    let graded = crate::derive::computed_rag(&figures, thresholds);
    let index = |v: Option<f64>| v.map_or_else(|| "—".to_string(), crate::derive::evm::fixed2);
    let overdue = data.as_of.and_then(|as_of| {
        data.milestones
            .iter()
            .find(|m| m.actual.is_none() && m.forecast.unwrap_or(m.baseline) < as_of)
            .map(|m| (m, as_of))
    });
    let message = match (graded, overdue) {
        (Some(Rag::Red), _) => t!(
            "`rag: green` is set by hand, but the figures grade the project red: CPI {cpi}, SPI {spi}, below the site's amber thresholds (CPI {cpi_amber}, SPI {spi_amber})",
            cpi = index(figures.cpi),
            spi = index(figures.spi),
            cpi_amber = crate::derive::evm::fixed2(thresholds.cpi_amber),
            spi_amber = crate::derive::evm::fixed2(thresholds.spi_amber)
        ),
        (_, Some((m, as_of))) => t!(
            "`rag: green` is set by hand, but milestone `{name}` was due {due} and is not reached as of {as_of}",
            name = m.name.trim(),
            due = m.forecast.unwrap_or(m.baseline).iso(),
            as_of = as_of.iso()
        ),
        _ => return None,
    };
    Some(
        front.warn(
            "rag",
            message,
            t!("if the project is on track for a reason the figures miss, say so in `rag_reason`, with who decided and when; otherwise delete the `rag` line (and `rag_reason`) so the status shown is the one the figures give"),
        ),
    )
}
