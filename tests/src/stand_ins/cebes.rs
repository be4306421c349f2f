//! Cebes's `Session/Logout`: the request in JSON or XML by its media type, the answer in the
//! media type `Accept` asks for (else the request's), `SUCCESS` or `FAILED` with a message.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::Response;
use generated::cebes;
use generated::runtime::{BindingKind, DateTime, Nillable, Payload};

use super::{Sessions, lock, not_text, ok, reply, text};

fn media(value: Option<&str>) -> Option<BindingKind> {
    let value = value?.to_ascii_lowercase();
    if value.contains("json") {
        Some(BindingKind::WebApiJson)
    } else if value.contains("xml") {
        Some(BindingKind::WebApiXml)
    } else {
        None
    }
}

fn content_type(binding: BindingKind) -> &'static str {
    if binding == BindingKind::WebApiJson {
        "application/json; charset=utf-8"
    } else {
        "application/xml; charset=utf-8"
    }
}

/// `POST /h2h/api/Session/Logout`.
pub async fn logout(
    State(sessions): State<Arc<Sessions>>,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    let Some(request_binding) = media(header(header::CONTENT_TYPE)) else {
        return reply(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "application/json; charset=utf-8",
            r#"{"Message":"The request entity's media type is not supported for this resource."}"#
                .into(),
        );
    };
    let response_binding = media(header(header::ACCEPT)).unwrap_or(request_binding);
    let Some(body) = text(&body) else {
        return not_text();
    };
    let request = match cebes::LogoutRequest::read_request(request_binding, &Payload::body(body)) {
        Ok(request) => request,
        Err(error) => {
            let message = generated::runtime::json_value::Value::String(format!(
                "The request is invalid: {error}"
            ));
            return reply(
                StatusCode::BAD_REQUEST,
                "application/json; charset=utf-8",
                format!(r#"{{"Message":{message}}}"#),
            );
        }
    };
    let token = request.access_token.value().cloned();
    let known_user = token
        .as_deref()
        .and_then(|token| lock(&sessions.cebes).remove(token));
    let (status, message, user) = match known_user {
        Some(user) => (cebes::Status::Success, "Logged out.".to_owned(), Some(user)),
        None => (
            cebes::Status::Failed,
            "Invalid access token: the session has ended or never was.".to_owned(),
            request.user_id.value().cloned(),
        ),
    };
    let response = cebes::AuthResponse {
        access_token: Nillable::Nil,
        resp_message: Nillable::Value(message),
        resp_time: Some(DateTime::from_offset_date_time(
            time::OffsetDateTime::now_utc(),
        )),
        status: Some(status),
        user_id: user.map_or(Nillable::Nil, Nillable::Value),
    };
    match response.write_response(response_binding) {
        Ok(payload) => ok(payload, content_type(response_binding)),
        Err(error) => reply(
            StatusCode::INTERNAL_SERVER_ERROR,
            "text/plain",
            error.to_string(),
        ),
    }
}
