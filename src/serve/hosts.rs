//! Which `Host:` headers `serve` answers. A page on another site can point a name it
//! controls at 127.0.0.1 (DNS rebinding) and then read the preview as its own origin; the
//! browser still sends that name as `Host:`, so answering only the names of the address
//! the server is bound to shuts the door.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr, UdpSocket};
use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{header, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::messages::Lang;
use crate::t;

/// The addresses to tell for a server listening on `addr`: the one to open on this
/// machine, and, when it listens on every address (`--bind 0.0.0.0`), the one other
/// machines open. `http://0.0.0.0:1111/` was printed before, an address no colleague's
/// browser reaches, and the feed's links pointed at it.
pub fn addresses(addr: SocketAddr) -> (String, Option<String>) {
    let ip = addr.ip();
    if !ip.is_unspecified() {
        return (format!("http://{addr}/"), None);
    }
    let here = match ip {
        IpAddr::V4(_) => IpAddr::V4(Ipv4Addr::LOCALHOST),
        IpAddr::V6(_) => IpAddr::V6(Ipv6Addr::LOCALHOST),
    };
    let others = outward_ip(ip).map(|out| format!("http://{}/", SocketAddr::new(out, addr.port())));
    (
        format!("http://{}/", SocketAddr::new(here, addr.port())),
        others,
    )
}

/// This machine's address on its route to the network, if it has one. A UDP "connect"
/// sends nothing: it only picks the interface a packet would leave by.
fn outward_ip(family: IpAddr) -> Option<IpAddr> {
    let probe = |bind: &str, to: &str| {
        let socket = UdpSocket::bind(bind).ok()?;
        socket.connect(to).ok()?;
        let ip = socket.local_addr().ok()?.ip();
        (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
    };
    let v4 = || probe("0.0.0.0:0", "10.255.255.255:9");
    match family {
        IpAddr::V4(_) => v4(),
        // `::` takes IPv4 too on most systems; an IPv6 route is preferred when there is one.
        IpAddr::V6(_) => probe("[::]:0", "[2001:db8::1]:9").or_else(v4),
    }
}

/// The names a request may use to reach this server.
#[derive(Debug, Clone)]
pub struct AllowedHosts {
    bound: IpAddr,
    /// Names given with `--allow-host`, lowercase.
    names: Vec<String>,
    /// The site's language, in which a refused browser is told what to do: a colleague
    /// opening a Chinese site's preview by the machine's name read English.
    lang: Lang,
}

impl AllowedHosts {
    pub fn new(bound: IpAddr, names: &[String], lang: Lang) -> AllowedHosts {
        AllowedHosts {
            lang,
            bound,
            names: names
                .iter()
                .map(|n| n.trim().to_ascii_lowercase())
                .collect(),
        }
    }

    /// Whether a `Host:` value (`name`, `name:port`, `[v6]:port`) names this server.
    pub fn allows(&self, host: &str) -> bool {
        let name = host_name(host).to_ascii_lowercase();
        if self.names.contains(&name) {
            return true;
        }
        if name == "localhost" {
            return self.bound.is_loopback() || self.bound.is_unspecified();
        }
        match name
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            // Bound to every address, the server is reached by any of the machine's
            // addresses; an address, unlike a name, cannot be pointed elsewhere.
            Ok(ip) => ip == self.bound || self.bound.is_unspecified(),
            Err(_) => false,
        }
    }

    /// What to tell a refused request.
    fn refusal(&self, host: &str) -> String {
        let said = t!(
            "pmo serve does not answer for the host name `{host}`: it serves {bound} and localhost only, so that other web pages cannot read the preview.",
            host = host_name(host),
            bound = self.bound.to_string()
        );
        let fix = t!(
            "Start it with --allow-host {host} to reach it by that name.",
            host = host_name(host)
        );
        format!("{}\n{}\n", said.render(self.lang), fix.render(self.lang))
    }
}

/// The host part of a `Host:` value, without the port. A port that is not digits
/// (`127.0.0.1:1@evil.example`) leaves the value whole, which names no host this
/// server answers for.
fn host_name(host: &str) -> &str {
    let host = host.trim();
    let port_ok =
        |port: &str| (1..=5).contains(&port.len()) && port.bytes().all(|b| b.is_ascii_digit());
    if host.starts_with('[') {
        return match host.find(']') {
            Some(end) => match &host[end + 1..] {
                "" => &host[..=end],
                rest => match rest.strip_prefix(':') {
                    Some(port) if port_ok(port) => &host[..=end],
                    _ => host,
                },
            },
            None => host,
        };
    }
    match host.rsplit_once(':') {
        Some((name, port)) if port_ok(port) => name,
        Some(_) => host,
        None => host,
    }
}

/// Refuses requests whose `Host:` names something else. A request without one (HTTP/1.0
/// tools) is let in: a browser always sends it.
pub async fn check(
    State(allowed): State<Arc<AllowedHosts>>,
    request: Request,
    next: Next,
) -> Response {
    let host = request
        .headers()
        .get(header::HOST)
        .map(|h| h.to_str().unwrap_or("\u{fffd}").to_string());
    match host {
        Some(host) if !allowed.allows(&host) => {
            (StatusCode::MISDIRECTED_REQUEST, allowed.refusal(&host)).into_response()
        }
        _ => next.run(request).await,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_browser_is_told_in_the_sites_language() {
        let bound = "0.0.0.0".parse().unwrap();
        let zh = AllowedHosts::new(bound, &[], Lang::ZhCn).refusal("pmo-box.bank.local:1111");
        assert_eq!(zh, "pmo serve 不响应主机名 `pmo-box.bank.local`：它只响应 0.0.0.0 和 localhost，以免其他网页读取预览。\n要用这个名称访问，请加上 --allow-host pmo-box.bank.local 启动它。\n");
        let en = AllowedHosts::new(bound, &[], Lang::En).refusal("pmo-box.bank.local");
        assert!(
            en.starts_with("pmo serve does not answer for the host name `pmo-box.bank.local`"),
            "{en}"
        );
    }

    #[test]
    fn loopback_answers_its_own_names_only() {
        let hosts = AllowedHosts::new("127.0.0.1".parse().unwrap(), &[], Lang::En);
        for ok in ["127.0.0.1:1111", "127.0.0.1", "localhost:1111", "LOCALHOST"] {
            assert!(hosts.allows(ok), "{ok}");
        }
        for no in [
            "evil.example",
            "evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "10.0.0.5:1111",
            "[::1]:1111",
            "",
            "\u{fffd}",
            "127.0.0.1:1111@evil.example",
            "localhost:x.evil.example",
            "127.0.0.1:",
            "[::1]x",
        ] {
            assert!(!hosts.allows(no), "{no}");
        }
    }

    #[test]
    fn every_address_answers_any_address_and_allowed_names() {
        let names = vec!["pmo.intranet".to_string()];
        let hosts = AllowedHosts::new("0.0.0.0".parse().unwrap(), &names, Lang::En);
        for ok in [
            "10.0.0.5:1111",
            "[fe80::1]:1111",
            "localhost",
            "PMO.intranet:1111",
        ] {
            assert!(hosts.allows(ok), "{ok}");
        }
        assert!(!hosts.allows("evil.example:1111"));
    }
}
