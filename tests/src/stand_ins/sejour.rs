//! Sejour's `Authentication.Logout`: SOAP 1.1 and 1.2, HTTP GET and POST. A token that is
//! not logged in is refused as ASMX refuses: a SOAP fault, or status 500 with the exception.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use generated::runtime::{BindingKind, Payload, SoapVersion};
use generated::sejour;

use super::{
    Sessions, asmx_error, fault, lock, not_text, ok, query_or_body, reply, soap_content_type,
    soap_version, text, wrong_action,
};

fn logout(sessions: &Sessions, token: Option<&str>) -> bool {
    token.is_some_and(|token| lock(&sessions.sejour).remove(token))
}

/// `POST /swsproxy/Authentication.asmx`, SOAP 1.1 or 1.2 by the media type.
pub async fn soap(
    State(sessions): State<Arc<Sessions>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let Some(version) = soap_version(&headers) else {
        return reply(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "text/plain",
            "expected text/xml or application/soap+xml".into(),
        );
    };
    let binding = match version {
        SoapVersion::Soap11 => BindingKind::Soap11,
        SoapVersion::Soap12 => BindingKind::Soap12,
    };
    let action = sejour::OPERATIONS[0]
        .binding(binding)
        .and_then(|b| b.action)
        .unwrap_or_default();
    if let Some(refusal) = wrong_action(&headers, version, action) {
        return refusal;
    }
    let Some(body) = text(&body) else {
        return not_text();
    };
    let request = match sejour::LogoutRequest::read_request(binding, &Payload::body(body)) {
        Ok(request) => request,
        Err(error) => return fault(version, &error.to_string()),
    };
    if !logout(&sessions, request.token.as_deref()) {
        return fault(version, "Invalid token: no session has it.");
    }
    match (sejour::LogoutResponse {}).write_response(binding) {
        Ok(payload) => ok(payload, soap_content_type(version)),
        Err(error) => fault(version, &error.to_string()),
    }
}

/// `GET` and `POST /swsproxy/Authentication.asmx/Logout`: the token as a query or a form.
pub async fn http(
    State(sessions): State<Arc<Sessions>>,
    method: Method,
    uri: Uri,
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
    match sejour::LogoutRequest::read_request(binding, &payload) {
        Err(error) => asmx_error(&error.to_string()),
        Ok(request) if logout(&sessions, request.token.as_deref()) => {
            StatusCode::OK.into_response()
        }
        Ok(_) => asmx_error("Invalid token: no session has it."),
    }
}
