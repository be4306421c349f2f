//! xWeb's `WebLogout`: SOAP 1.1 with the integration's token in the `AuthorizationToken`
//! header, rotated on every call, ASMX's HTTP GET and POST, and the JSON method by GET and
//! POST. An unknown token is a SOAP fault, or status 500 with a text or JSON message. The
//! other operations of the endpoint are not served: their actions are not recognised.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use generated::runtime::{BindingKind, Payload, SoapVersion};
use generated::xweb;

use super::{
    Sessions, asmx_error, fault, lock, not_text, ok, query_or_body, reply, soap_content_type,
    soap_version, text, wrong_action,
};

/// The logout's entry in the generated table, which says how each binding of it is addressed.
fn logout() -> &'static generated::runtime::OperationInfo {
    xweb::OPERATIONS
        .iter()
        .find(|op| op.name == "WebLogout")
        .expect("the generated xWeb module has WebLogout")
}

/// Ends a user's session, if the user is logged in.
fn log_out_user(sessions: &Sessions, token: Option<&str>) -> bool {
    token.is_some_and(|token| lock(&sessions.xweb_users).remove(token))
}

/// `POST /netFORUMUpgrade2010Demo/xweb/secure/netForumXML.asmx`: SOAP 1.1.
pub async fn soap(
    State(sessions): State<Arc<Sessions>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let version = soap_version(&headers).unwrap_or(SoapVersion::Soap11);
    if version != SoapVersion::Soap11 {
        return fault(version, "xWeb speaks SOAP 1.1 only.");
    }
    let action = logout()
        .binding(BindingKind::Soap11)
        .and_then(|b| b.action)
        .unwrap_or_default();
    if let Some(refusal) = wrong_action(&headers, version, action) {
        return refusal;
    }
    let Some(body) = text(&body) else {
        return not_text();
    };
    let request =
        match xweb::WebLogoutRequest::read_request(BindingKind::Soap11, &Payload::body(body)) {
            Ok(request) => request,
            Err(error) => return fault(version, &error.to_string()),
        };
    let presented = request.authorization_token.and_then(|header| header.token);
    let authorized = presented
        .as_deref()
        .is_some_and(|token| lock(&sessions.xweb_authorization).contains(token));
    if !authorized {
        return fault(
            version,
            "Invalid AuthorizationToken: log in with WebLogin first.",
        );
    }
    if !log_out_user(&sessions, request.authentication_token.as_deref()) {
        return fault(
            version,
            "Invalid authenticationToken: the token has expired or does not exist.",
        );
    }
    // Every call rotates the integration's token: the old one is spent, the new one goes back.
    let rotated = sessions.token();
    {
        let mut tokens = lock(&sessions.xweb_authorization);
        if let Some(old) = &presented {
            tokens.remove(old);
        }
        tokens.insert(rotated.clone());
    }
    let response = xweb::WebLogoutResponse {
        authorization_token: Some(xweb::AuthorizationToken {
            token: Some(rotated),
            ..Default::default()
        }),
    };
    match response.write_response(BindingKind::Soap11) {
        Ok(payload) => ok(payload, soap_content_type(version)),
        Err(error) => fault(version, &error.to_string()),
    }
}

/// `GET` and `POST …/netForumXML.asmx/WebLogout`: ASMX's HTTP bindings, which carry no SOAP
/// header and so no integration token; an empty 200 for success, as the WSDL says.
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
    match xweb::WebLogoutRequest::read_request(binding, &payload) {
        Err(error) => asmx_error(&error.to_string()),
        Ok(request) if log_out_user(&sessions, request.authentication_token.as_deref()) => {
            StatusCode::OK.into_response()
        }
        Ok(_) => {
            asmx_error("Invalid authenticationToken: the token has expired or does not exist.")
        }
    }
}

/// `GET` and `POST /xweb/JSON/WebLogout`.
pub async fn json(
    State(sessions): State<Arc<Sessions>>,
    method: Method,
    uri: Uri,
    body: Bytes,
) -> Response {
    let Some((binding, payload)) = query_or_body(
        &method,
        &uri,
        &body,
        BindingKind::JsonGet,
        BindingKind::JsonPost,
    ) else {
        return not_text();
    };
    let message = match xweb::WebLogoutRequest::read_request(binding, &payload) {
        Err(error) => error.to_string(),
        Ok(request) if log_out_user(&sessions, request.authentication_token.as_deref()) => {
            return StatusCode::OK.into_response();
        }
        Ok(_) => "Invalid authenticationToken: the token has expired or does not exist.".to_owned(),
    };
    let body = format!(
        r#"{{"Message":{}}}"#,
        generated::runtime::json_value::Value::String(message)
    );
    reply(
        StatusCode::INTERNAL_SERVER_ERROR,
        "application/json; charset=utf-8",
        body,
    )
}
