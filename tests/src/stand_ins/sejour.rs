//! Sejour's `Authentication.Logout`: SOAP 1.1 and 1.2, HTTP GET and POST. A token that is
//! not logged in is refused as ASMX refuses: a SOAP fault, or status 500 with the exception.

use std::sync::Arc;

use generated::runtime::server::{Call, Fault};
use generated::sejour;

use super::{Sessions, lock};

/// The service, over the stand-ins' sessions.
pub struct Sejour(pub Arc<Sessions>);

impl sejour::Server for Sejour {
    async fn logout(
        self: Arc<Self>,
        request: sejour::LogoutRequest,
        _call: Arc<Call>,
    ) -> Result<sejour::LogoutResponse, Fault> {
        let known = request
            .token
            .is_some_and(|token| lock(&self.0.sejour).remove(&token));
        if known {
            Ok(sejour::LogoutResponse {})
        } else {
            Err(Fault::sender("Invalid token: no session has it."))
        }
    }
}
