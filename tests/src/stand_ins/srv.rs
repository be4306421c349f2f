//! srv.asmx's `LogOut`: HTTP GET and POST and SOAP 1.1; the ticket as a parameter or, when
//! the request has none, as the `ticket` cookie. The result is `<root success="true" />`, or
//! `[901]` for a ticket that is unknown or already logged out.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use generated::runtime::{BindingKind, Payload, SoapVersion};
use generated::srv;

use super::{
    Sessions, asmx_error, cookie, fault, lock, not_text, ok, query_or_body, soap_content_type,
    text, wrong_action,
};

/// Logs the ticket out, from the request or, failing that, the cookie.
fn log_out(
    sessions: &Sessions,
    request: &srv::LogOutRequest,
    headers: &HeaderMap,
) -> srv::LogOutResponse {
    let ticket = request
        .authentication_ticket
        .clone()
        .filter(|t| !t.is_empty())
        .or_else(|| cookie(headers, "ticket"));
    if ticket.is_some_and(|ticket| lock(&sessions.srv).remove(&ticket)) {
        srv::LogOutResponse {
            success: true,
            error: None,
        }
    } else {
        srv::LogOutResponse {
            success: false,
            error: Some("[901] Session expired or Invalid ticket".to_owned()),
        }
    }
}

/// `POST /srv.asmx`: SOAP 1.1.
pub async fn soap(
    State(sessions): State<Arc<Sessions>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let version = SoapVersion::Soap11;
    let action = srv::OPERATIONS[0]
        .binding(BindingKind::Soap11)
        .and_then(|b| b.action)
        .unwrap_or_default();
    if let Some(refusal) = wrong_action(&headers, version, action) {
        return refusal;
    }
    let Some(body) = text(&body) else {
        return not_text();
    };
    let request = match srv::LogOutRequest::read_request(BindingKind::Soap11, &Payload::body(body))
    {
        Ok(request) => request,
        Err(error) => return fault(version, &error.to_string()),
    };
    match log_out(&sessions, &request, &headers).write_response(BindingKind::Soap11) {
        Ok(payload) => ok(payload, soap_content_type(version)),
        Err(error) => fault(version, &error.to_string()),
    }
}

/// `GET` and `POST /srv.asmx/LogOut`.
pub async fn http(
    State(sessions): State<Arc<Sessions>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some((binding, payload)) = query_or_body(
        &method,
        &uri,
        &body,
        BindingKind::HttpGet,
        BindingKind::HttpPost,
    ) else {
        return not_text();
    };
    let request = match srv::LogOutRequest::read_request(binding, &payload) {
        Ok(request) => request,
        Err(error) => return asmx_error(&error.to_string()),
    };
    match log_out(&sessions, &request, &headers).write_response(binding) {
        Ok(payload) => ok(payload, "text/xml; charset=utf-8"),
        Err(error) => asmx_error(&error.to_string()),
    }
}
