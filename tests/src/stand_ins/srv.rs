//! srv.asmx's `LogOut`: HTTP GET and POST and SOAP 1.1; the ticket as a parameter or, when
//! the request has none, as the `ticket` cookie. The result is `<root success="true" />`, or
//! `[901]` for a ticket that is unknown or already logged out.

use std::sync::Arc;

use generated::runtime::server::{Call, Fault};
use generated::srv;

use super::{Sessions, lock};

/// The service, over the stand-ins' sessions.
pub struct Srv(pub Arc<Sessions>);

impl srv::Server for Srv {
    async fn log_out(
        self: Arc<Self>,
        request: srv::LogOutRequest,
        call: Arc<Call>,
    ) -> Result<srv::LogOutResponse, Fault> {
        let ticket = request
            .authentication_ticket
            .filter(|t| !t.is_empty())
            .or_else(|| call.cookie("ticket").map(str::to_owned));
        Ok(
            if ticket.is_some_and(|ticket| lock(&self.0.srv).remove(&ticket)) {
                srv::LogOutResponse {
                    success: true,
                    error: None,
                }
            } else {
                let code = srv::ErrorCode::SessionExpiredOrInvalidTicket;
                srv::LogOutResponse::failed(&srv::ServiceError {
                    code: Some(code),
                    message: code.documented_message().unwrap_or_default().to_owned(),
                })
            },
        )
    }
}
