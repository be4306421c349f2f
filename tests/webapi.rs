//! What the Web API help pages of `tests/fixtures/pages/webapi/` give, through the modules
//! generated from them: URI parameters in the route's query and path travel intact whatever
//! they hold, simple and collection resources read and write as DataContract and Json.NET
//! have them, and a result the page cannot describe is kept whole.

use generated::runtime::{BindingKind, Payload};
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
            let built = client.end_request(&request).unwrap();
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
        let built = client.get_request(&request).unwrap();
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
