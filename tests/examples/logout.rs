//! Logs out of each of the four services with the generated clients: against the stand-ins,
//! which this example asks for a session of each first.
//!
//! ```text
//! cargo run -p tests --bin stand-ins -- --addr 127.0.0.1:8080     # in one terminal
//! cargo run -p tests --example logout -- http://127.0.0.1:8080    # in another
//! ```

use std::process::ExitCode;
use std::time::Duration;

use generated::runtime::{BindingKind, BlockingTransport};
use generated::{cebes, sejour, srv, xweb};

/// Asks the stand-ins for a session of `service` and returns its tokens.
fn session(
    transport: &BlockingTransport,
    base: &str,
    service: &str,
) -> Result<serde_json::Value, String> {
    let request = http::Request::post(format!("{base}/stand-in/sessions/{service}"))
        .body(Vec::new())
        .map_err(|e| e.to_string())?;
    let response = transport
        .send(request)
        .map_err(|e| format!("{e} (are the stand-ins running at {base}?)"))?;
    serde_json::from_slice(response.body()).map_err(|e| e.to_string())
}

fn text(value: &serde_json::Value, key: &str) -> String {
    value[key].as_str().unwrap_or_default().to_owned()
}

fn run(base: &str) -> Result<(), String> {
    let transport = BlockingTransport::new(Duration::from_secs(10));
    let fail = |e: &dyn std::fmt::Display| e.to_string();

    // Sejour: SOAP 1.1 by default; any of its four bindings would do.
    let token = text(&session(&transport, base, "sejour")?, "token");
    let client = sejour::Client::new(base).map_err(|e| fail(&e))?;
    let request = sejour::LogoutRequest { token: Some(token) };
    client
        .call_blocking(&transport, sejour::op::Logout, &request)
        .map_err(|e| fail(&e))?;
    println!("Sejour    logged out with {}", client.binding());
    match client.call_blocking(&transport, sejour::op::Logout, &request) {
        Err(sejour::Error::Fault(fault)) => {
            println!("Sejour    again: the service says `{}`", fault.reason)
        }
        other => println!("Sejour    again: {other:?}"),
    }

    // xWeb: SOAP at the endpoint its WSDL gives; the token rotates on every call.
    let tokens = session(&transport, base, "xweb")?;
    let client = xweb::Client::new(base)
        .map_err(|e| fail(&e))?
        .with_binding(BindingKind::Soap11);
    client.set_authorization_token(Some(xweb::AuthorizationToken {
        token: Some(text(&tokens, "authorizationToken")),
        ..Default::default()
    }));
    let request = xweb::WebLogoutRequest {
        authorization_token: None,
        authentication_token: Some(text(&tokens, "authenticationToken")),
    };
    client
        .call_blocking(&transport, xweb::op::WebLogout, &request)
        .map_err(|e| fail(&e))?;
    let rotated = client
        .authorization_token()
        .and_then(|t| t.token)
        .unwrap_or_default();
    println!(
        "xWeb      logged out with {}; the next call sends the rotated token {rotated}",
        client.binding()
    );

    // Cebes: JSON by default, XML on request; the status says success or failure.
    let tokens = session(&transport, base, "cebes")?;
    let client = cebes::Client::new(&format!("{base}/h2h/api")).map_err(|e| fail(&e))?;
    let request = cebes::LogoutRequest {
        access_token: text(&tokens, "accessToken").into(),
        user_id: text(&tokens, "userID").into(),
        language: Some(cebes::Language::Id),
        ..Default::default()
    };
    let response = client
        .call_blocking(&transport, cebes::op::Logout, &request)
        .map_err(|e| fail(&e))?;
    println!(
        "Cebes     logged out with {}: {}",
        client.binding(),
        response
            .resp_message
            .value()
            .map(String::as_str)
            .unwrap_or("")
    );
    match client.with_binding(BindingKind::WebApiXml).call_blocking(
        &transport,
        cebes::op::Logout,
        &request,
    ) {
        Err(cebes::Error::Failed(failure)) => println!("Cebes     again, in XML: {failure}"),
        other => println!("Cebes     again: {other:?}"),
    }

    // srv.asmx: the ticket as a cookie; [901] after, which cleanup can ignore.
    let ticket = text(&session(&transport, base, "srv")?, "ticket");
    let client = srv::Client::new(base)
        .map_err(|e| fail(&e))?
        .with_cookies(true);
    let request = srv::LogOutRequest {
        authentication_ticket: Some(ticket),
    };
    client
        .call_blocking(&transport, srv::op::LogOut, &request)
        .map_err(|e| fail(&e))?;
    println!(
        "srv.asmx  logged out with {}, the ticket in the `ticket` cookie",
        client.binding()
    );
    match client.call_blocking(&transport, srv::op::LogOut, &request) {
        Err(srv::Error::Service(error))
            if error.code == Some(srv::ErrorCode::SessionExpiredOrInvalidTicket) =>
        {
            println!("srv.asmx  again: already logged out ({error})")
        }
        other => println!("srv.asmx  again: {other:?}"),
    }
    Ok(())
}

fn main() -> ExitCode {
    let base = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "http://127.0.0.1:8080".to_owned());
    let base = if base.contains("://") {
        base
    } else {
        format!("http://{base}")
    };
    match run(base.trim_end_matches('/')) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("logout: {error}");
            ExitCode::FAILURE
        }
    }
}
