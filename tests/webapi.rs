//! What the Web API help pages of `tests/fixtures/pages/webapi/` give, through the modules
//! generated from them: URI parameters in the route's query and path travel intact whatever
//! they hold, simple and collection resources read and write as DataContract and Json.NET
//! have them, and a result the page cannot describe is kept whole; and the classes of real
//! pages (a model no sample shows, camel-case names, objects of no declared type, a row
//! that lost its name, a heading glued to its type).

use generated::runtime::{
    BindingKind, Payload, ReadRequest as _, ReadResponse as _, WriteResponse as _,
};
use tests::fixtures::webapi_get_api_members_email as members;
use tests::fixtures::webapi_get_api_members_tags as tags;
use tests::fixtures::webapi_get_api_session_end_user_key as end;
use tests::fixtures::webapi_get_api_settings as settings;
use tests::fixtures::webapi_get_api_status as status;
use tests::fixtures::webapi_post_api_session_close as close;

/// Values that break a URL when they are not escaped, or escaped for the wrong part of it.
const AWKWARD: &[&str] = &[
    "x&y+z",
    "a=b",
    "100% sure",
    "#fragment",
    "/etc/passwd",
    "?q=1",
    "caf\u{e9} \u{65e5}\u{672c}",
    "plus+and space",
    "%41%",
];

/// The bytes `%XX` stands for, and every other byte as it is.
fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(byte) = text
                .get(i + 1..i + 3)
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    out
}

#[test]
fn query_values_in_the_route_decode_back_byte_for_byte() {
    for binding in [BindingKind::WebApiJson, BindingKind::WebApiXml] {
        let client = end::Client::new("https://api.example.com/")
            .unwrap()
            .with_binding(binding);
        for value in AWKWARD {
            let request = end::EndRequest {
                user: (*value).to_owned(),
                key: format!("{value}!"),
            };
            let built = client.request(end::op::End, &request).unwrap();
            let uri = built.uri();
            assert_eq!(uri.path(), "/api/Session/End", "{value}");
            let pairs: Vec<(String, String)> =
                form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect();
            assert_eq!(
                pairs,
                [
                    ("user".to_owned(), (*value).to_owned()),
                    ("key".to_owned(), format!("{value}!"))
                ],
                "{uri}"
            );
            // And the server side reads the same values from the query.
            let payload = Payload::query(uri.query().unwrap_or("").to_owned());
            assert_eq!(
                end::EndRequest::read_request(binding, &payload).unwrap(),
                request
            );
        }
    }
}

#[test]
fn path_values_decode_back_byte_for_byte_from_their_segment() {
    let client = members::Client::new("https://api.example.com").unwrap();
    for value in AWKWARD {
        let request = members::GetRequest {
            email: (*value).to_owned(),
        };
        let built = client.request(members::op::Get, &request).unwrap();
        let path = built.uri().path().to_owned();
        let segment = path
            .strip_prefix("/api/Members/")
            .unwrap_or_else(|| panic!("{path}"));
        assert!(!segment.contains(['/', '?', '#']), "{segment}");
        assert_eq!(built.uri().query(), None, "{value}");
        assert_eq!(percent_decode(segment), value.as_bytes(), "{path}");
    }
}

#[test]
fn names_come_from_the_path_alone() {
    assert_eq!(end::OPERATIONS[0].name, "End");
    let binding = end::OPERATIONS[0].bindings[0];
    assert_eq!(binding.path, Some("api/Session/End"));
}

#[test]
fn simple_resources_read_and_write_as_datacontract_and_json_net_have_them() {
    let json = |body: &str| Payload::body(body.to_owned());
    let read = |binding, body: &str| end::EndResponse::read_response(binding, &json(body));
    assert!(read(BindingKind::WebApiJson, "true").unwrap().body);
    assert!(
        !read(
            BindingKind::WebApiXml,
            r#"<boolean xmlns="http://schemas.microsoft.com/2003/10/Serialization/">false</boolean>"#
        )
        .unwrap()
        .body
    );
    assert!(read(BindingKind::WebApiJson, "\"yes\"").is_err());
    // `integer` is Int32 by the XML sample's `<int>`.
    let count = status::GetResponse { body: 7 };
    let xml = count.write_response(BindingKind::WebApiXml).unwrap();
    assert_eq!(
        xml.body,
        r#"<int xmlns="http://schemas.microsoft.com/2003/10/Serialization/" xmlns:i="http://www.w3.org/2001/XMLSchema-instance">7</int>"#
    );
    let _: i32 = count.body;

    let listed = tags::TagsResponse {
        body: vec!["a&b".to_owned(), "c".to_owned()],
    };
    let as_json = listed.write_response(BindingKind::WebApiJson).unwrap();
    assert_eq!(as_json.body, r#"["a&b","c"]"#);
    let as_xml = listed.write_response(BindingKind::WebApiXml).unwrap();
    assert!(
        as_xml
            .body
            .contains("<string>a&amp;b</string><string>c</string>"),
        "{}",
        as_xml.body
    );
    for (binding, payload) in [
        (BindingKind::WebApiJson, as_json),
        (BindingKind::WebApiXml, as_xml),
    ] {
        assert_eq!(
            tags::TagsResponse::read_response(binding, &payload).unwrap(),
            listed
        );
    }
}

#[test]
fn a_result_the_page_cannot_describe_is_kept_whole() {
    for body in ["", "{\"message\":\"gone\"}", "<Error>not found</Error>"] {
        for binding in [BindingKind::WebApiJson, BindingKind::WebApiXml] {
            let read =
                close::CloseResponse::read_response(binding, &Payload::body(body.to_owned()))
                    .unwrap();
            assert_eq!(read.body, body);
            assert_eq!(read.write_response(binding).unwrap().body, body);
        }
    }
}

#[test]
fn a_dictionary_is_an_object_in_json_and_key_value_pairs_in_xml() {
    use generated::runtime::KeyValue;
    let value = settings::GetResponse {
        body: vec![
            KeyValue::new("theme".to_owned(), "dark & bold".to_owned()),
            KeyValue::new("lang".to_owned(), "\u{e9}".to_owned()),
        ],
    };
    let json = value.write_response(BindingKind::WebApiJson).unwrap();
    assert_eq!(json.body, "{\"theme\":\"dark & bold\",\"lang\":\"\u{e9}\"}");
    let xml = value.write_response(BindingKind::WebApiXml).unwrap();
    assert!(
        xml.body.contains(
            "<KeyValueOfstringstring><Key>theme</Key><Value>dark &amp; bold</Value></KeyValueOfstringstring>"
        ),
        "{}",
        xml.body
    );
    assert!(xml.body.starts_with(
        r#"<ArrayOfKeyValueOfstringstring xmlns="http://schemas.microsoft.com/2003/10/Serialization/Arrays""#
    ));
    for (binding, payload) in [
        (BindingKind::WebApiJson, json),
        (BindingKind::WebApiXml, xml),
    ] {
        assert_eq!(
            settings::GetResponse::read_response(binding, &payload).unwrap(),
            value,
            "{binding}"
        );
    }
    // A value of the wrong kind is an error that says where.
    let wrong = Payload::body(r#"{"theme": 1}"#.to_owned());
    let error = settings::GetResponse::read_response(BindingKind::WebApiJson, &wrong).unwrap_err();
    assert!(error.to_string().contains("theme"), "{error}");
}

/// The classes of real Web API pages (issue 17), each through its fixture's module.
mod real_pages {
    use generated::runtime::{
        AnyType, BindingKind, Nillable, Payload, ReadResponse as _, WriteRequest as _,
        WriteResponse as _,
    };
    use tests::fixtures::webapi_get_api_accounts_current as current;
    use tests::fixtures::webapi_post_api_account_sign_in as sign_in;
    use tests::fixtures::webapi_post_api_devices_register as register;
    use tests::fixtures::webapi_post_api_reports_export as export;
    use tests::fixtures::webapi_put_api_devices_lock_id as lock;

    fn payload(body: &str) -> Payload {
        Payload::body(body.to_owned())
    }

    #[test]
    fn a_model_no_sample_shows_reads_by_json_net_defaults_whatever_the_case() {
        // The table's names, as Json.NET's default resolver writes them, and a camel-case
        // resolver's, which Json.NET reads alike.
        for body in [
            r#"{"AccountNumber":7,"Holder":"Ann","State":2}"#,
            r#"{"accountNumber":7,"holder":"Ann","state":2}"#,
        ] {
            let read =
                current::CurrentResponse::read_response(BindingKind::WebApiJson, &payload(body))
                    .unwrap();
            assert_eq!(read.account_number, Some(7));
            assert_eq!(read.holder, Nillable::Value("Ann".to_owned()));
            // The enumeration no page shows: its number, kept and written back as one.
            assert_eq!(read.state, Some(current::AccountState::OtherNumber(2)));
            let written = read.write_response(BindingKind::WebApiJson).unwrap();
            assert!(written.body.contains(r#""State":2"#), "{}", written.body);
        }
        // A name where the number goes, as a StringEnumConverter writes it, is kept too.
        let named = current::CurrentResponse::read_response(
            BindingKind::WebApiJson,
            &payload(r#"{"State":"Closed"}"#),
        )
        .unwrap();
        assert_eq!(
            named.state,
            Some(current::AccountState::Other("Closed".to_owned()))
        );
        // XML, whose namespace no sample shows, is no binding of it.
        assert!(
            current::CurrentResponse::read_response(BindingKind::WebApiXml, &payload("<x/>"))
                .is_err()
        );
    }

    #[test]
    fn camel_case_names_a_sample_shows_are_the_ones_json_carries() {
        let request = sign_in::SignInRequest {
            user_name: Some("ann".to_owned()),
            password: Nillable::Value("secret".to_owned()),
            remember_me: Some(true),
        };
        let written = request.write_request(BindingKind::WebApiJson).unwrap();
        let value: serde_json::Value = serde_json::from_str(&written.body).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"userName": "ann", "password": "secret", "rememberMe": true})
        );
        // Only JSON is spoken: the page's text/html and multipart/form-data are not.
        assert!(request.write_request(BindingKind::WebApiXml).is_err());
    }

    #[test]
    fn objects_of_no_declared_type_travel_back_as_they_came() {
        let body = r#"{"sessionId":"8f14e45f-ceea-467f-a0e6-5d9c3b1c7a21","warnings":[{"code":3,"text":"x"},"plain",12]}"#;
        let read = sign_in::SignInResponse::read_response(BindingKind::WebApiJson, &payload(body))
            .unwrap();
        let Nillable::Value(warnings) = &read.warnings else {
            panic!("{read:?}");
        };
        assert_eq!(warnings.len(), 3);
        let _: &AnyType = &warnings[0];
        let again: serde_json::Value =
            serde_json::from_str(&read.write_response(BindingKind::WebApiJson).unwrap().body)
                .unwrap();
        assert_eq!(
            again["warnings"],
            serde_json::json!([{"code": 3, "text": "x"}, "plain", 12])
        );
    }

    #[test]
    fn a_row_that_lost_its_name_is_the_member_the_samples_name() {
        let request = register::RegisterRequest {
            push_token: Some("t".to_owned()),
            platform: Some("ios".to_owned()),
            label: Nillable::Absent,
            // A `Collection of byte` is a `byte[]`: base64 in JSON and XML alike.
            thumbprint: Nillable::Value(vec![0x40, 0x40]),
        };
        let json = request.write_request(BindingKind::WebApiJson).unwrap();
        assert!(json.body.contains(r#""PushToken":"t""#), "{}", json.body);
        assert!(
            json.body.contains(r#""Thumbprint":"QEA=""#),
            "{}",
            json.body
        );
        let xml = request.write_request(BindingKind::WebApiXml).unwrap();
        for expected in ["<PushToken>t</PushToken>", "<Thumbprint>QEA=</Thumbprint>"] {
            assert!(xml.body.contains(expected), "{}", xml.body);
        }
        // Its `Required` is kept: the member is always sent, nil where it has no value,
        // as the optional `Label` is not.
        let empty = register::RegisterRequest::default();
        let json = empty.write_request(BindingKind::WebApiJson).unwrap();
        let value: serde_json::Value = serde_json::from_str(&json.body).unwrap();
        assert_eq!(
            value,
            serde_json::json!({"PushToken": null, "Platform": null})
        );
    }

    #[test]
    fn results_no_page_describes_are_kept_whole_in_every_listed_format() {
        // `IHttpActionResult` over JSON and XML on one formats line: both are bindings.
        for binding in [BindingKind::WebApiJson, BindingKind::WebApiXml] {
            let read =
                register::RegisterResponse::read_response(binding, &payload("<ok/>")).unwrap();
            assert_eq!(read.body, "<ok/>");
        }
        // `Collection of Object` that no sample shows (a `JObject`): an object, kept whole.
        let body = r#"{"access_token":"x","expires_in":3600}"#;
        let read =
            export::ExportResponse::read_response(BindingKind::WebApiJson, &payload(body)).unwrap();
        assert_eq!(read.body, body);
    }

    #[test]
    fn a_collection_of_a_model_the_page_describes_is_an_array_of_it() {
        use tests::fixtures::webapi_get_api_devices as devices;
        let json = r#"[{"Id":1,"Label":"hall","Kind":0},{"id":2,"label":"desk","kind":1}]"#;
        let read =
            devices::GetResponse::read_response(BindingKind::WebApiJson, &payload(json)).unwrap();
        assert_eq!(read.body.len(), 2);
        assert_eq!(read.body[1].id, Some(2));
        assert_eq!(read.body[0].kind, Some(devices::DeviceKind::Phone));
        let xml = read.write_response(BindingKind::WebApiXml).unwrap();
        assert!(
            xml.body.starts_with(
                r#"<ArrayOfDevice xmlns="http://schemas.datacontract.org/2004/07/Fleet.Api.Models""#
            ),
            "{}",
            xml.body
        );
        assert!(
            xml.body.contains("<Device><Id>1</Id><Kind>Phone</Kind>"),
            "{}",
            xml.body
        );
        let again = devices::GetResponse::read_response(BindingKind::WebApiXml, &xml).unwrap();
        assert_eq!(again.body[0].label, read.body[0].label);
    }

    #[test]
    fn a_simple_resource_glued_to_the_next_heading_is_read() {
        let read =
            lock::LockResponse::read_response(BindingKind::WebApiJson, &payload("true")).unwrap();
        assert!(read.body);
        let request = lock::LockRequest { id: 12 };
        let client = lock::Client::new("https://api.example.com/").unwrap();
        let built = client.request(lock::op::Lock, &request).unwrap();
        assert_eq!(built.uri().path(), "/api/Devices/Lock/12");
        assert_eq!(built.method().as_str(), "PUT");
    }
}
