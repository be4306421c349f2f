//! The certificates a transport trusts and presents: root certificates of the caller's
//! choosing, added to the default ones or in their place (a vendor's private certificate
//! authority), and a client certificate with its key (mutual TLS). Read from PEM once, when
//! set; the key never shows in `Debug` or an error.

use std::fmt;

use rustls_pki_types::pem::PemObject as _;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};

use super::transport::TransportError;

/// The certificates a transport trusts and presents, which `with_tls` gives it.
#[derive(Clone, Default)]
pub struct Tls {
    pub(crate) roots: Vec<CertificateDer<'static>>,
    pub(crate) only_these_roots: bool,
    pub(crate) identity: Option<Identity>,
}

/// A client certificate: its chain, read, and the chain and its key as PEM, which each
/// transport's library reads itself.
#[derive(Clone)]
pub(crate) struct Identity {
    pub(crate) chain: Vec<CertificateDer<'static>>,
    #[cfg_attr(not(feature = "blocking"), allow(dead_code))]
    pub(crate) key_pem: Vec<u8>,
    /// The chain, then the key.
    #[cfg_attr(not(feature = "async"), allow(dead_code))]
    pub(crate) pem: Vec<u8>,
}

impl Tls {
    /// The default roots and no client certificate.
    pub fn new() -> Self {
        Tls::default()
    }

    /// Also trusts the certificates of `pem` (one or more `CERTIFICATE` blocks): the roots of
    /// a private certificate authority, or a server's own certificate.
    pub fn with_root_certificates(mut self, pem: &[u8]) -> Result<Self, TransportError> {
        let roots = certificates(pem, "the root certificates")?;
        self.roots.extend(roots);
        Ok(self)
    }

    /// Whether the roots are other than the transport's defaults.
    pub(crate) fn changes_roots(&self) -> bool {
        !self.roots.is_empty() || self.only_these_roots
    }

    /// Trusts only the roots given with [`Tls::with_root_certificates`], none of the
    /// defaults.
    pub fn with_only_these_roots(mut self) -> Self {
        self.only_these_roots = true;
        self
    }

    /// Presents the client certificate of `chain_pem` (the certificate first, then any
    /// intermediates) with its private key `key_pem` (PKCS #8, PKCS #1 or SEC1), to a server
    /// that asks for one.
    pub fn with_client_certificate(
        mut self,
        chain_pem: &[u8],
        key_pem: &[u8],
    ) -> Result<Self, TransportError> {
        let chain = certificates(chain_pem, "the client certificate")?;
        // The key's own error could quote it: say only what is wrong.
        PrivateKeyDer::from_pem_slice(key_pem).map_err(|_| {
            TransportError::Tls(
                "the client certificate's key is not a PEM private key (PKCS #8, PKCS #1 or SEC1)"
                    .to_owned(),
            )
        })?;
        let mut pem = chain_pem.to_vec();
        pem.push(b'\n');
        pem.extend_from_slice(key_pem);
        self.identity = Some(Identity {
            chain,
            key_pem: key_pem.to_vec(),
            pem,
        });
        Ok(self)
    }
}

/// The certificates of `pem`, at least one.
fn certificates(pem: &[u8], what: &str) -> Result<Vec<CertificateDer<'static>>, TransportError> {
    let certificates = CertificateDer::pem_slice_iter(pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|error| TransportError::Tls(format!("{what}: the PEM does not read: {error}")))?;
    if certificates.is_empty() {
        return Err(TransportError::Tls(format!(
            "{what}: the PEM holds no CERTIFICATE block"
        )));
    }
    Ok(certificates)
}

impl fmt::Debug for Tls {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Tls")
            .field("roots", &self.roots.len())
            .field("only_these_roots", &self.only_these_roots)
            .field(
                "client_certificate",
                &self.identity.as_ref().map(|identity| {
                    format!("{} certificates, key <redacted>", identity.chain.len())
                }),
            )
            .finish()
    }
}
