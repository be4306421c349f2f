//! What a client adds to every request it builds: HTTP authentication (Basic, bearer) and
//! headers of the caller's choosing. The credentials among them never show in `Debug` or in
//! an error, a server's echo of them included, and the transports of this runtime do not send
//! them again when they follow a redirect.

use std::fmt;

use base64::Engine as _;

use super::client::ClientRequest;
use super::error::{EncodeError, EncodeProblem};

/// Headers a client sends with every request, credentials among them. A header of the same
/// name as one the binding sets (`Content-Type`, `SOAPAction`, `Accept`) replaces it.
#[derive(Clone, Default)]
pub struct RequestHeaders {
    entries: Vec<Entry>,
}

#[derive(Clone)]
struct Entry {
    name: http::HeaderName,
    value: http::HeaderValue,
    /// For a credential, what errors cut out wherever a server echoes it: the secret as given
    /// and as it travels.
    secret: Option<Vec<String>>,
}

/// The headers a request carries that hold credentials, by name: what a transport of this
/// runtime leaves out when it follows a redirect. [`RequestHeaders`] puts it in the
/// extensions of the requests it adds to; a caller that adds credentials of its own can too.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CredentialHeaders(pub Vec<http::HeaderName>);

impl RequestHeaders {
    /// HTTP Basic authentication (RFC 7617): `user` and `password`, UTF-8, in `Authorization`.
    /// A user name cannot hold a colon.
    pub fn basic(&mut self, user: &str, password: &str) -> Result<(), EncodeError> {
        if user.contains(':') {
            return Err(EncodeError {
                at: "the Basic user name".to_owned(),
                problem: EncodeProblem::ColonInUserName,
            });
        }
        let token = base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"));
        self.set(
            http::header::AUTHORIZATION,
            &format!("Basic {token}"),
            "the Basic credentials",
            Some(vec![password.to_owned(), token]),
        )
    }

    /// A bearer token (RFC 6750) in `Authorization`.
    pub fn bearer(&mut self, token: &str) -> Result<(), EncodeError> {
        self.set(
            http::header::AUTHORIZATION,
            &format!("Bearer {token}"),
            "the bearer token",
            Some(vec![token.to_owned()]),
        )
    }

    /// The header `name` with `value`; a `secret` one (an API key, a vendor's ticket) is kept
    /// out of `Debug` and errors as the other credentials are.
    pub fn header(&mut self, name: &str, value: &str, secret: bool) -> Result<(), EncodeError> {
        let name = http::HeaderName::try_from(name).map_err(|_| EncodeError {
            at: format!("the header name `{}`", name.escape_debug()),
            problem: EncodeProblem::NotAHeaderName,
        })?;
        let at = format!("the value of the header `{name}`");
        self.set(name, value, &at, secret.then(|| vec![value.to_owned()]))
    }

    fn set(
        &mut self,
        name: http::HeaderName,
        value: &str,
        at: &str,
        secret: Option<Vec<String>>,
    ) -> Result<(), EncodeError> {
        // The value is not quoted: it may be a credential.
        let mut value = http::HeaderValue::try_from(value).map_err(|_| EncodeError {
            at: at.to_owned(),
            problem: EncodeProblem::NotAHeader,
        })?;
        value.set_sensitive(secret.is_some());
        self.entries.retain(|entry| entry.name != name);
        self.entries.push(Entry {
            name,
            value,
            secret,
        });
        Ok(())
    }

    /// Adds the headers to `request`, replacing those of the same names, and their
    /// credentials to what its errors cut out.
    pub fn apply(&self, request: &mut ClientRequest) {
        let mut credentials = Vec::new();
        for entry in &self.entries {
            request
                .request
                .headers_mut()
                .insert(entry.name.clone(), entry.value.clone());
            if let Some(values) = &entry.secret {
                for value in values {
                    request.secrets.add_value(value);
                }
                credentials.push(entry.name.clone());
            }
        }
        if credentials.is_empty() {
            return;
        }
        let extensions = request.request.extensions_mut();
        match extensions.get_mut::<CredentialHeaders>() {
            Some(CredentialHeaders(names)) => names.extend(credentials),
            None => {
                extensions.insert(CredentialHeaders(credentials));
            }
        }
    }
}

impl fmt::Debug for RequestHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for entry in &self.entries {
            match (&entry.secret, entry.value.to_str()) {
                (None, Ok(value)) => map.entry(&entry.name.as_str(), &value),
                _ => map.entry(&entry.name.as_str(), &super::secrets::Redacted),
            };
        }
        map.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::Secrets;

    fn applied(headers: &RequestHeaders) -> ClientRequest {
        let request = http::Request::post("http://127.0.0.1/x")
            .header("SOAPAction", "\"urn:a\"")
            .body(Vec::new())
            .unwrap();
        let mut request = ClientRequest::new(request, Secrets::named(&[]));
        headers.apply(&mut request);
        request
    }

    #[test]
    fn basic_and_bearer_credentials_go_in_authorization_and_nowhere_in_debug() {
        let mut headers = RequestHeaders::default();
        headers.basic("Aladdin", "open sesame").unwrap();
        headers.header("SOAPAction", "\"urn:b\"", false).unwrap();
        headers.header("X-Api-Key", "k-0123456789", true).unwrap();
        let request = applied(&headers);
        assert_eq!(
            request.headers()["authorization"],
            "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ=="
        );
        // The binding's header of the same name is replaced, not doubled.
        assert_eq!(request.headers().get_all("soapaction").iter().count(), 1);
        assert_eq!(request.headers()["soapaction"], "\"urn:b\"");
        assert_eq!(
            request.extensions().get::<CredentialHeaders>(),
            Some(&CredentialHeaders(vec![
                http::header::AUTHORIZATION,
                http::HeaderName::from_static("x-api-key")
            ]))
        );
        let echo = "you sent QWxhZGRpbjpvcGVuIHNlc2FtZQ==, open sesame and k-0123456789";
        let scrubbed = request.secrets().scrub(echo);
        for secret in [
            "QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
            "open sesame",
            "k-0123456789",
        ] {
            assert!(!scrubbed.contains(secret), "{scrubbed}");
        }
        let debug = format!("{headers:?} {request:?}");
        for secret in ["QWxhZGRp", "sesame", "0123456789"] {
            assert!(!debug.contains(secret), "{debug}");
        }
        assert!(
            debug.contains("\"soapaction\": \"\\\"urn:b\\\"\""),
            "{debug}"
        );

        // A bearer token replaces the Basic credentials.
        headers.bearer("eyJhbGciOi.J9.abc").unwrap();
        let request = applied(&headers);
        assert_eq!(
            request.headers()["authorization"],
            "Bearer eyJhbGciOi.J9.abc"
        );
        assert_eq!(request.headers().get_all("authorization").iter().count(), 1);
    }

    #[test]
    fn what_a_header_cannot_carry_is_refused_without_showing_it() {
        let mut headers = RequestHeaders::default();
        let error = headers.basic("a:b", "pw").unwrap_err();
        assert_eq!(error.problem, EncodeProblem::ColonInUserName);
        let error = headers.bearer("line\r\nX-Injected: 1").unwrap_err();
        assert_eq!(error.problem, EncodeProblem::NotAHeader);
        assert!(!error.to_string().contains("Injected"), "{error}");
        let error = headers.header("X-Key", "s3cret\n", true).unwrap_err();
        assert_eq!(
            error.to_string(),
            "cannot write the value of the header `x-key`: an HTTP header cannot carry it \
             (a line break or another control character)"
        );
        let error = headers.header("Bad Name", "v", false).unwrap_err();
        assert_eq!(error.problem, EncodeProblem::NotAHeaderName);
        assert!(error.to_string().contains("`Bad Name`"), "{error}");
        assert!(
            applied(&headers)
                .extensions()
                .get::<CredentialHeaders>()
                .is_none()
        );
    }
}
