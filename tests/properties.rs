//! Arbitrary strings, with markup characters and text from everywhere in Unicode, through
//! every binding of the four services: what XML 1.0 can carry comes back as it went, what it
//! cannot is refused with an error naming the character, and queries, forms and JSON carry
//! everything.

use generated::runtime::{
    BindingKind, DateTime, EncodeProblem, Nillable, ReadRequest as _, ReadResponse as _,
    WriteRequest as _, WriteResponse as _,
};
use generated::{cebes, sejour, srv, xweb};
use proptest::prelude::*;

/// Strings rich in what escaping must get right.
fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[<>&\"' \t\r\n=;/?%+#\\]\\[A-Za-zé中\u{1F600}\u{0}\u{1b}\u{FFFE}\u{FFFF}]{0,24}",
    ]
}

/// Whether XML 1.0 can carry every character of `text`.
fn xml_can_carry(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    })
}

const XML: &[BindingKind] = &[
    BindingKind::Soap11,
    BindingKind::Soap12,
    BindingKind::WebApiXml,
];

fn is_xml(binding: BindingKind) -> bool {
    XML.contains(&binding)
}

/// Writing with an XML binding fails on what XML cannot carry, and only then.
fn check_refusal<T>(
    binding: BindingKind,
    texts: &[&str],
    written: &Result<T, generated::runtime::EncodeError>,
) -> bool {
    let carriable = texts.iter().all(|t| xml_can_carry(t));
    match written {
        Ok(_) => !is_xml(binding) || carriable,
        Err(error) => {
            is_xml(binding)
                && !carriable
                && matches!(error.problem, EncodeProblem::InvalidXmlChar { .. })
        }
    }
}

proptest! {
    #[test]
    fn sejour_logout_carries_any_token(token in tricky()) {
        let request = sejour::LogoutRequest { token: Some(token.clone()) };
        for binding in [BindingKind::Soap11, BindingKind::Soap12, BindingKind::HttpGet, BindingKind::HttpPost] {
            let written = request.write_request(binding);
            prop_assert!(check_refusal(binding, &[&token], &written), "{binding}: {written:?}");
            if let Ok(payload) = written {
                prop_assert_eq!(&sejour::LogoutRequest::read_request(binding, &payload).unwrap(), &request);
            }
        }
    }

    #[test]
    fn xweb_logout_carries_any_tokens(header in tricky(), body in tricky()) {
        let request = xweb::WebLogoutRequest {
            authorization_token: Some(xweb::AuthorizationToken { token: Some(header.clone()), ..Default::default() }),
            authentication_token: Some(body.clone()),
        };
        for binding in [BindingKind::Soap11, BindingKind::JsonGet, BindingKind::JsonPost] {
            let written = request.write_request(binding);
            let texts: &[&str] = if binding == BindingKind::Soap11 { &[&header, &body] } else { &[&body] };
            prop_assert!(check_refusal(binding, texts, &written), "{binding}: {written:?}");
            if let Ok(payload) = written {
                let read = xweb::WebLogoutRequest::read_request(binding, &payload).unwrap();
                prop_assert_eq!(&read.authentication_token, &request.authentication_token);
                if binding == BindingKind::Soap11 {
                    prop_assert_eq!(&read.authorization_token, &request.authorization_token);
                }
            }
        }
        // The rotated token comes back in the response's header.
        let response = xweb::WebLogoutResponse {
            authorization_token: Some(xweb::AuthorizationToken { token: Some(header.clone()), ..Default::default() }),
        };
        let written = response.write_response(BindingKind::Soap11);
        prop_assert!(check_refusal(BindingKind::Soap11, &[&header], &written));
        if let Ok(payload) = written {
            prop_assert_eq!(&xweb::WebLogoutResponse::read_response(BindingKind::Soap11, &payload).unwrap(), &response);
        }
    }

    #[test]
    fn cebes_logout_carries_any_strings(
        texts in proptest::collection::vec(tricky(), 5),
        nil in proptest::collection::vec(0u8..3, 5),
        language in prop_oneof![
            Just(cebes::Language::Id),
            // A name, which in .NET is never digits (those are a number).
            tricky().prop_map(|name| cebes::Language::from_name(&name)),
            // A number the page does not show (it shows 1, for `Id`).
            any::<i64>().prop_filter("not a listed number", |n| *n != 1).prop_map(cebes::Language::OtherNumber),
        ],
    ) {
        let member = |i: usize| match nil[i] {
            0 => Nillable::Absent,
            1 => Nillable::Nil,
            _ => Nillable::Value(texts[i].clone()),
        };
        let request = cebes::AuthRequest {
            access_token: member(0),
            user_id: member(1),
            language: Some(language.clone()),
            security_code: member(2),
            token: member(3),
        };
        let language_text = language.as_str().into_owned();
        let mut carried: Vec<&str> = (0..4).filter(|i| nil[*i] == 2).map(|i| texts[i].as_str()).collect();
        carried.push(&language_text);
        for binding in [BindingKind::WebApiJson, BindingKind::WebApiXml] {
            let written = request.write_request(binding);
            prop_assert!(check_refusal(binding, &carried, &written), "{binding}: {written:?}");
            if let Ok(payload) = written {
                prop_assert_eq!(&cebes::AuthRequest::read_request(binding, &payload).unwrap(), &request);
            }
        }
        let response = cebes::AuthResponse {
            access_token: member(0),
            resp_message: member(4),
            resp_time: Some("2025-01-23T00:09:38.9648983+07:00".parse().unwrap()),
            status: Some(cebes::Status::from_name(&texts[1])),
            user_id: member(2),
        };
        let mut carried: Vec<&str> = [0, 4, 2].into_iter().filter(|i| nil[*i] == 2).map(|i| texts[i].as_str()).collect();
        carried.push(&texts[1]);
        for binding in [BindingKind::WebApiJson, BindingKind::WebApiXml] {
            let written = response.write_response(binding);
            prop_assert!(check_refusal(binding, &carried, &written), "{binding}: {written:?}");
            if let Ok(payload) = written {
                prop_assert_eq!(&cebes::AuthResponse::read_response(binding, &payload).unwrap(), &response);
            }
        }
    }

    #[test]
    fn srv_logout_carries_any_ticket_and_error(ticket in tricky(), message in tricky(), code in 0u32..2000) {
        let request = srv::LogOutRequest { authentication_ticket: Some(ticket.clone()) };
        for binding in [BindingKind::Soap11, BindingKind::HttpGet, BindingKind::HttpPost] {
            let written = request.write_request(binding);
            prop_assert!(check_refusal(binding, &[&ticket], &written), "{binding}: {written:?}");
            if let Ok(payload) = written {
                prop_assert_eq!(&srv::LogOutRequest::read_request(binding, &payload).unwrap(), &request);
            }
        }
        let error = format!("[{code}] {message}");
        let response = srv::LogOutResponse { success: false, error: Some(error.clone()) };
        for binding in [BindingKind::Soap11, BindingKind::HttpGet, BindingKind::HttpPost] {
            let written = response.write_response(binding);
            // The result travels as an attribute, which XML carries for every binding here.
            let carriable = xml_can_carry(&error);
            prop_assert_eq!(written.is_ok(), carriable);
            if let Ok(payload) = written {
                let read = srv::LogOutResponse::read_response(binding, &payload).unwrap();
                prop_assert_eq!(&read, &response);
                let failure = read.outcome().unwrap_err();
                prop_assert_eq!(failure.code.map(|c| c.code()), Some(code));
            }
        }
    }

    #[test]
    fn date_times_keep_their_digits_and_offset(
        days in 0i64..3_000_000,
        nanos in 0u32..1_000_000_000,
        digits in 0u8..=9,
        offset_minutes in -(14 * 60)..=(14 * 60),
        form in 0u8..3,
    ) {
        let date = time::Date::from_julian_day(1_721_426 + days as i32).unwrap();
        let kept = nanos - nanos % 10u32.pow(9 - u32::from(digits));
        let time = time::Time::from_hms_nano((nanos % 24) as u8, (nanos % 60) as u8, (nanos % 59) as u8, kept).unwrap();
        let offset = match form {
            0 => generated::runtime::Offset::Unspecified,
            1 => generated::runtime::Offset::Utc,
            _ => generated::runtime::Offset::Fixed(
                time::UtcOffset::from_whole_seconds(offset_minutes * 60).unwrap(),
            ),
        };
        let value = DateTime::new(date, time, digits, offset).unwrap();
        let text = value.to_string();
        let read: DateTime = text.parse().unwrap();
        prop_assert_eq!(read, value);
        prop_assert_eq!(read.to_string(), text);
    }
}
