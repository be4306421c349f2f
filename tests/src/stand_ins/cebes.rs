//! Cebes's `Session/Logout`: the request in JSON or XML by its media type, the answer in the
//! media type `Accept` asks for (else the request's), `SUCCESS` or `FAILED` with a message.

use std::sync::Arc;

use generated::cebes;
use generated::runtime::server::{Call, Fault};
use generated::runtime::{DateTime, Nillable};

use super::{Sessions, lock};

/// The service, over the stand-ins' sessions.
pub struct Cebes(pub Arc<Sessions>);

impl cebes::Server for Cebes {
    async fn logout(
        self: Arc<Self>,
        request: cebes::LogoutRequest,
        _call: Arc<Call>,
    ) -> Result<cebes::AuthResponse, Fault> {
        let known_user = request
            .access_token
            .value()
            .and_then(|token| lock(&self.0.cebes).remove(token));
        let resp_time = Some(DateTime::from_offset_date_time(
            time::OffsetDateTime::now_utc(),
        ));
        Ok(match known_user {
            Some(user) => cebes::AuthResponse {
                access_token: Nillable::Nil,
                resp_message: Nillable::Value("Logged out.".to_owned()),
                resp_time,
                status: Some(cebes::Status::Success),
                user_id: Nillable::Value(user),
            },
            // FAILED, and the message, as the service reports a failure.
            None => cebes::AuthResponse {
                resp_time,
                user_id: request.user_id,
                ..cebes::AuthResponse::failed(
                    cebes::Status::Failed,
                    "Invalid access token: the session has ended or never was.",
                )
            },
        })
    }
}
