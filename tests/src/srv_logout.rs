//! srv.asmx's LogOut as the tests around the call (authentication, TLS, proxies) send and
//! answer it: what travels around the message is what they test, so the message is the same
//! in each.

use generated::runtime::{BindingKind, WriteResponse as _};
use generated::srv;

use crate::scripted::Reply;

/// A LogOut request with a ticket.
pub fn request() -> srv::LogOutRequest {
    srv::LogOutRequest {
        authentication_ticket: Some("ticket-0042".to_owned()),
    }
}

/// srv's success, as `binding` answers it.
pub fn success(binding: BindingKind) -> Reply {
    let payload = srv::LogOutResponse {
        success: true,
        error: None,
    }
    .write_response(binding)
    .expect("a success writes");
    Reply::new(200, "text/xml; charset=utf-8", payload.body)
}
