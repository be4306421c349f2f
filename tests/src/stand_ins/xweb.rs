//! xWeb's `WebLogout`: SOAP 1.1 with the integration's token in the `AuthorizationToken`
//! header, rotated on every call, ASMX's HTTP GET and POST, and the JSON method by GET and
//! POST. An unknown token is a SOAP fault, or status 500 with a text or JSON message. The
//! other operations of the endpoint answer that they are not implemented.

use std::sync::Arc;

use generated::runtime::BindingKind;
use generated::runtime::server::{Call, Fault};
use generated::xweb;

use super::{Sessions, lock};

/// The service, over the stand-ins' sessions.
pub struct Xweb(pub Arc<Sessions>);

impl xweb::Server for Xweb {
    async fn web_logout(
        self: Arc<Self>,
        request: xweb::WebLogoutRequest,
        call: Arc<Call>,
    ) -> Result<xweb::WebLogoutResponse, Fault> {
        let sessions = &self.0;
        // Only SOAP carries the integration's token, in a header; each call rotates it.
        let soap = call.binding == BindingKind::Soap11;
        let presented = request.authorization_token.and_then(|header| header.token);
        if soap
            && !presented
                .as_deref()
                .is_some_and(|token| lock(&sessions.xweb_authorization).contains(token))
        {
            return Err(Fault::sender(
                "Invalid AuthorizationToken: log in with WebLogin first.",
            ));
        }
        let user = request.authentication_token;
        if !user.is_some_and(|token| lock(&sessions.xweb_users).remove(&token)) {
            return Err(Fault::sender(
                "Invalid authenticationToken: the token has expired or does not exist.",
            ));
        }
        if !soap {
            return Ok(xweb::WebLogoutResponse::default());
        }
        let rotated = sessions.token();
        {
            let mut tokens = lock(&sessions.xweb_authorization);
            if let Some(old) = &presented {
                tokens.remove(old);
            }
            tokens.insert(rotated.clone());
        }
        Ok(xweb::WebLogoutResponse {
            authorization_token: Some(xweb::AuthorizationToken {
                token: Some(rotated),
                ..Default::default()
            }),
        })
    }
}
