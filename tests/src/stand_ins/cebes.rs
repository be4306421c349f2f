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
    fn logout(
        &self,
        request: cebes::LogoutRequest,
        _call: &Call<'_>,
    ) -> Result<cebes::AuthResponse, Fault> {
        let known_user = request
            .access_token
            .value()
            .and_then(|token| lock(&self.0.cebes).remove(token));
        let (status, message, user) = match known_user {
            Some(user) => (cebes::Status::Success, "Logged out.".to_owned(), Some(user)),
            None => (
                cebes::Status::Failed,
                "Invalid access token: the session has ended or never was.".to_owned(),
                request.user_id.value().cloned(),
            ),
        };
        Ok(cebes::AuthResponse {
            access_token: Nillable::Nil,
            resp_message: Nillable::Value(message),
            resp_time: Some(DateTime::from_offset_date_time(
                time::OffsetDateTime::now_utc(),
            )),
            status: Some(status),
            user_id: user.map_or(Nillable::Nil, Nillable::Value),
        })
    }
}
