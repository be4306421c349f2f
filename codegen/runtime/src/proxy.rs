//! The HTTP proxies a transport's requests go through: one for `http` endpoints, one for
//! `https` endpoints (through `CONNECT`), and the hosts that go direct, set by the caller or
//! read, on request, from the usual environment variables. Which proxy a request takes is
//! decided here, the same for both transports; a proxy's password never shows.

use std::fmt;
use std::net::IpAddr;

use super::secrets::redact_url;
use super::transport::TransportError;

/// The proxies of a transport, which `with_proxies` gives it. None by default: a transport
/// reads no environment variable unless asked to ([`Proxies::from_env`]).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Proxies {
    http: Option<String>,
    https: Option<String>,
    direct: Vec<NoProxy>,
}

/// A host, or the hosts, that go direct.
#[derive(Clone, Debug, PartialEq, Eq)]
enum NoProxy {
    /// `*`.
    Every,
    /// A name and the names under it (`example.com`, `.example.com`).
    Domain(String),
    /// An address, or a network (`10.0.0.0/8`).
    Network(IpAddr, u8),
}

impl Proxies {
    /// No proxy: every request goes direct.
    pub fn none() -> Self {
        Proxies::default()
    }

    /// The proxy at `url` (`http://[user:password@]host:port`) for every request.
    pub fn all(url: &str) -> Result<Self, TransportError> {
        let url = proxy_url(url, "the proxy")?;
        Ok(Proxies {
            http: Some(url.clone()),
            https: Some(url),
            direct: Vec::new(),
        })
    }

    /// The proxy at `url` for `http` endpoints.
    pub fn with_http(mut self, url: &str) -> Result<Self, TransportError> {
        self.http = Some(proxy_url(url, "the http proxy")?);
        Ok(self)
    }

    /// The proxy at `url` for `https` endpoints, which it reaches through `CONNECT`.
    pub fn with_https(mut self, url: &str) -> Result<Self, TransportError> {
        self.https = Some(proxy_url(url, "the https proxy")?);
        Ok(self)
    }

    /// Sends requests to the hosts `list` names direct, as `NO_PROXY` names them: names
    /// separated by commas, each standing for itself and the names under it (`example.com`,
    /// `.example.com`), addresses and networks (`10.1.2.3`, `10.0.0.0/8`, `::1`), or `*`
    /// for every host. A port after a name is ignored, as curl ignores it.
    pub fn with_no_proxy(mut self, list: &str) -> Self {
        self.direct.extend(list.split(',').filter_map(no_proxy));
        self
    }

    /// The proxies the environment names, as curl reads them: `http_proxy` for `http`
    /// endpoints (lowercase only, as a CGI server sets `HTTP_PROXY` from a request's
    /// `Proxy` header), `HTTPS_PROXY` for `https` ones, `ALL_PROXY` for both where those are
    /// unset, and `NO_PROXY`; a lowercase name is read before its uppercase one.
    pub fn from_env() -> Result<Self, TransportError> {
        Self::from_vars(|name| std::env::var(name).ok())
    }

    /// The proxies that `var` gives for the environment's names, as [`Proxies::from_env`]
    /// reads them.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, TransportError> {
        let read = |names: &[&str]| {
            names
                .iter()
                .find_map(|name| var(name).filter(|value| !value.trim().is_empty()))
        };
        let all = read(&["all_proxy", "ALL_PROXY"]);
        let mut proxies = Proxies::default();
        if let Some(url) = read(&["http_proxy"]).or_else(|| all.clone()) {
            proxies.http = Some(proxy_url(&url, "http_proxy")?);
        }
        if let Some(url) = read(&["https_proxy", "HTTPS_PROXY"]).or(all) {
            proxies.https = Some(proxy_url(&url, "HTTPS_PROXY")?);
        }
        if let Some(list) = read(&["no_proxy", "NO_PROXY"]) {
            proxies = proxies.with_no_proxy(&list);
        }
        Ok(proxies)
    }

    /// The proxy a request to `scheme://host` goes through, or `None` to go direct.
    pub fn proxy_for(&self, scheme: &str, host: &str) -> Option<&str> {
        let proxy = match scheme {
            "http" => self.http.as_deref(),
            "https" => self.https.as_deref(),
            _ => None,
        }?;
        let host = host.trim_start_matches('[').trim_end_matches(']');
        let bypassed = self.direct.iter().any(|entry| match entry {
            NoProxy::Every => true,
            NoProxy::Domain(domain) => {
                let host = host.trim_end_matches('.').to_ascii_lowercase();
                host == *domain
                    || host
                        .strip_suffix(domain.as_str())
                        .is_some_and(|rest| rest.ends_with('.'))
            }
            NoProxy::Network(network, bits) => host
                .parse::<IpAddr>()
                .is_ok_and(|address| within(address, *network, *bits)),
        });
        (!bypassed).then_some(proxy)
    }

    /// The passwords of the proxies, as given and decoded, for errors to cut out.
    pub fn passwords(&self) -> Vec<String> {
        let mut passwords = Vec::new();
        for url in [&self.http, &self.https].into_iter().flatten() {
            let Some(authority) = url.split("://").nth(1) else {
                continue;
            };
            let Some((userinfo, _)) = authority.rsplit_once('@') else {
                continue;
            };
            if let Some((_, password)) = userinfo.split_once(':') {
                passwords.push(password.to_owned());
                let decoded = percent_encoding::percent_decode_str(password).decode_utf8_lossy();
                passwords.push(decoded.into_owned());
            }
        }
        passwords
    }

    /// Whether any request goes through a proxy.
    pub fn is_none(&self) -> bool {
        self.http.is_none() && self.https.is_none()
    }
}

/// A proxy's URL, checked: `http://`, with a host.
fn proxy_url(url: &str, what: &str) -> Result<String, TransportError> {
    let url = url.trim();
    // A bare `host:port`, as environment variables often give it, is an http proxy.
    let url = if url.contains("://") {
        url.to_owned()
    } else {
        format!("http://{url}")
    };
    let refuse = |why: &str| TransportError::Proxy(format!("{what} `{}` {why}", redact_url(&url)));
    let uri: http::Uri = url.parse().map_err(|_| refuse("is not a URL"))?;
    if uri.scheme_str() != Some("http") {
        return Err(refuse(
            "is not an http:// proxy, the only kind the transports speak",
        ));
    }
    if uri.host().is_none_or(str::is_empty) {
        return Err(refuse("names no host"));
    }
    Ok(url)
}

/// An entry of a `NO_PROXY` list, or `None` for an empty one.
fn no_proxy(entry: &str) -> Option<NoProxy> {
    let entry = entry.trim();
    if entry.is_empty() {
        return None;
    }
    if entry == "*" {
        return Some(NoProxy::Every);
    }
    let (address, bits) = match entry.split_once('/') {
        Some((address, bits)) => (address, bits.parse::<u8>().ok()),
        None => (entry, None),
    };
    let bare = address.trim_start_matches('[').trim_end_matches(']');
    if let Ok(address) = bare.parse::<IpAddr>() {
        let most = if address.is_ipv4() { 32 } else { 128 };
        return Some(NoProxy::Network(address, bits.unwrap_or(most).min(most)));
    }
    // A name, without the port curl ignores and the dots that stand for "under".
    let name = address.split(':').next().unwrap_or(address);
    let name = name.trim_start_matches("*.").trim_start_matches('.');
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    (!name.is_empty()).then_some(NoProxy::Domain(name))
}

/// Whether `address` is in the network of `network`'s first `bits` bits.
fn within(address: IpAddr, network: IpAddr, bits: u8) -> bool {
    let mask = |bits: u8, width: u8| -> u128 {
        if bits == 0 {
            0
        } else {
            u128::MAX << (width - bits)
        }
    };
    match (address, network) {
        (IpAddr::V4(a), IpAddr::V4(n)) => {
            let m = mask(bits, 32);
            u128::from(u32::from(a)) & m == u128::from(u32::from(n)) & m
        }
        (IpAddr::V6(a), IpAddr::V6(n)) => {
            let m = mask(bits, 128);
            u128::from(a) & m == u128::from(n) & m
        }
        _ => false,
    }
}

impl fmt::Debug for Proxies {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let shown = |url: &Option<String>| url.as_deref().map(redact_url);
        f.debug_struct("Proxies")
            .field("http", &shown(&self.http))
            .field("https", &shown(&self.https))
            .field("direct", &self.direct)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_scheme_takes_its_proxy_and_listed_hosts_go_direct() {
        let proxies = Proxies::none()
            .with_http("http://p1:3128")
            .unwrap()
            .with_https("p2:3129")
            .unwrap()
            .with_no_proxy("example.com, .corp.local:8080, 10.0.0.0/8, ::1, 192.168.1.5");
        assert_eq!(
            proxies.proxy_for("http", "api.vendor.com"),
            Some("http://p1:3128")
        );
        assert_eq!(
            proxies.proxy_for("https", "api.vendor.com"),
            Some("http://p2:3129")
        );
        for direct in [
            "example.com",
            "www.example.com",
            "EXAMPLE.com.",
            "a.b.corp.local",
            "corp.local",
            "10.200.3.4",
            "[::1]",
            "192.168.1.5",
        ] {
            assert_eq!(proxies.proxy_for("https", direct), None, "{direct}");
        }
        for proxied in [
            "notexample.com",
            "example.com.evil",
            "11.0.0.1",
            "192.168.1.6",
        ] {
            assert!(proxies.proxy_for("https", proxied).is_some(), "{proxied}");
        }
        let every = Proxies::all("http://p:1").unwrap().with_no_proxy("*");
        assert_eq!(every.proxy_for("http", "anything"), None);
        assert_eq!(Proxies::none().proxy_for("http", "anything"), None);
    }

    #[test]
    fn the_environment_is_read_as_curl_reads_it() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, v)| (*v).to_owned())
            }
        };
        let proxies = Proxies::from_vars(env(&[
            ("HTTP_PROXY", "http://ignored:1"),
            ("HTTPS_PROXY", "http://secure:2"),
            ("ALL_PROXY", "http://all:3"),
            ("no_proxy", "localhost"),
        ]))
        .unwrap();
        // Uppercase HTTP_PROXY is not read; ALL_PROXY stands in for it.
        assert_eq!(proxies.proxy_for("http", "a.com"), Some("http://all:3"));
        assert_eq!(proxies.proxy_for("https", "a.com"), Some("http://secure:2"));
        assert_eq!(proxies.proxy_for("https", "localhost"), None);
        assert!(Proxies::from_vars(env(&[])).unwrap().is_none());
        let error =
            Proxies::from_vars(env(&[("https_proxy", "socks5://user:pw@h:1")])).unwrap_err();
        assert_eq!(
            error.to_string(),
            "proxy: HTTPS_PROXY `socks5://<redacted>@h:1` is not an http:// proxy, the only kind the transports speak"
        );
    }

    #[test]
    fn a_proxys_password_never_shows() {
        let proxies = Proxies::all("http://user:s3cr3t-pw@proxy:3128").unwrap();
        let debug = format!("{proxies:?}");
        assert!(!debug.contains("s3cr3t"), "{debug}");
        let error = Proxies::all("ftp://user:s3cr3t-pw@proxy").unwrap_err();
        assert!(!error.to_string().contains("s3cr3t"), "{error}");
    }
}
