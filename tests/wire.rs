//! What the pages say about the four services' wire formats, each fact a test against the
//! generated crate: faults, tolerated and refused headers, the three forms of srv.asmx
//! results, empty bodies, enumerations by number and by name, date-times kept exactly,
//! replies of the wrong SOAP version, verdicts given twice.

use generated::runtime::{
    BindingKind, DecodeProblem, Payload, ReadRequest as _, ReadResponse as _, ResponseError,
    SoapVersion, WriteRequest as _, WriteResponse as _,
};
use generated::{cebes, sejour, srv, xweb};

fn body(text: &str) -> Payload {
    Payload::body(text.to_owned())
}

#[test]
fn soap_faults_of_both_versions_become_typed_errors_with_their_detail() {
    let v11 = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><soap:Fault>
        <faultcode>soap:Client</faultcode><faultstring>Token is not valid</faultstring>
        <detail><Why xmlns="urn:sejour">unknown token</Why></detail></soap:Fault></soap:Body></soap:Envelope>"#;
    match sejour::LogoutResponse::read_response(BindingKind::Soap11, &body(v11)) {
        Err(ResponseError::Fault(fault)) => {
            assert_eq!(fault.version, SoapVersion::Soap11);
            assert_eq!(fault.code.local, "Client");
            assert_eq!(fault.reason, "Token is not valid");
            // The detail is kept whole, with the namespaces in scope where it stood, so that
            // it means the same wherever it is read again.
            assert_eq!(
                fault.detail.unwrap().as_str(),
                r#"<Why xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns="urn:sejour">unknown token</Why>"#
            );
        }
        other => panic!("{other:?}"),
    }
    let v12 = r#"<env:Envelope xmlns:env="http://www.w3.org/2003/05/soap-envelope"><env:Body><env:Fault>
        <env:Code><env:Value>env:Sender</env:Value></env:Code>
        <env:Reason><env:Text xml:lang="en">Token is not valid</env:Text></env:Reason>
        <env:Detail><n>1</n></env:Detail></env:Fault></env:Body></env:Envelope>"#;
    match sejour::LogoutResponse::read_response(BindingKind::Soap12, &body(v12)) {
        Err(ResponseError::Fault(fault)) => {
            assert_eq!(fault.code.local, "Sender");
            assert_eq!(
                fault.detail.unwrap().as_str(),
                r#"<n xmlns:env="http://www.w3.org/2003/05/soap-envelope" xmlns="">1</n>"#
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn xweb_rotates_the_token_and_other_headers_are_tolerated_unless_they_must_be_understood() {
    let response = |extra: &str| {
        format!(
            r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:wsa="http://schemas.xmlsoap.org/ws/2004/03/addressing">
            <soap:Header><AuthorizationToken xmlns="http://www.avectra.com/2005/"><Token>20ff1768</Token></AuthorizationToken>
            <wsa:Action>http://www.avectra.com/2005/WebLogoutResponse</wsa:Action>{extra}</soap:Header>
            <soap:Body><WebLogoutResponse xmlns="http://www.avectra.com/2005/"/></soap:Body></soap:Envelope>"#
        )
    };
    let read =
        xweb::WebLogoutResponse::read_response(BindingKind::Soap11, &body(&response(""))).unwrap();
    assert_eq!(
        read.authorization_token.unwrap().token.as_deref(),
        Some("20ff1768")
    );
    let strict = response(r#"<t:Tx xmlns:t="urn:t" soap:mustUnderstand="1"/>"#);
    match xweb::WebLogoutResponse::read_response(BindingKind::Soap11, &body(&strict)) {
        Err(ResponseError::Decode(error)) => {
            assert!(
                matches!(error.problem, DecodeProblem::MustUnderstand(_)),
                "{error}"
            )
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn xweb_sends_the_token_as_header_and_body_and_as_json() {
    let request = xweb::WebLogoutRequest {
        authorization_token: Some(xweb::AuthorizationToken {
            token: Some("h".into()),
            ..Default::default()
        }),
        authentication_token: Some("b".into()),
    };
    let soap = request.write_request(BindingKind::Soap11).unwrap().body;
    assert!(soap.contains(r#"<soap:Header><AuthorizationToken xmlns="http://www.avectra.com/2005/"><Token>h</Token></AuthorizationToken></soap:Header>"#), "{soap}");
    assert_eq!(
        request
            .write_request(BindingKind::JsonGet)
            .unwrap()
            .query
            .as_deref(),
        Some("authenticationToken=b")
    );
    assert_eq!(
        request.write_request(BindingKind::JsonPost).unwrap().body,
        r#"{"WebLogout":{"authenticationToken":"b"}}"#
    );
}

const RESULT_FORMS: [&str; 4] = [
    r#"<root success="false" error="[901] Session expired or Invalid ticket" />"#,
    r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><root success="false" error="[901] Session expired or Invalid ticket"/></soap:Body></soap:Envelope>"#,
    r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LogOutResponse xmlns="http://tempuri.org/"><LogOutResult><root xmlns="" success="false" error="[901] Session expired or Invalid ticket"/></LogOutResult></LogOutResponse></soap:Body></soap:Envelope>"#,
    r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><LogOutResponse xmlns="http://tempuri.org/"><LogOutResult>&lt;root success="false" error="[901] Session expired or Invalid ticket" /&gt;</LogOutResult></LogOutResponse></soap:Body></soap:Envelope>"#,
];

#[test]
fn srv_results_read_bare_in_a_soap_body_or_escaped_and_901_says_the_session_was_gone() {
    for text in RESULT_FORMS {
        let read = srv::LogOutResponse::read_response(BindingKind::Soap11, &body(text)).unwrap();
        let error = read.outcome().unwrap_err();
        assert_eq!(
            error.code,
            Some(srv::ErrorCode::SessionExpiredOrInvalidTicket),
            "{text}"
        );
        assert_eq!(error.message, "Session expired or Invalid ticket");
        assert_eq!(error.to_string(), "[901] Session expired or Invalid ticket");
    }
    let other = srv::LogOutResponse {
        success: false,
        error: Some("[42] Disk full".into()),
    };
    assert_eq!(
        other.outcome().unwrap_err().code,
        Some(srv::ErrorCode::Other(42))
    );
    let fine = srv::LogOutResponse::read_response(
        BindingKind::HttpGet,
        &body(r#"<root success="true" />"#),
    )
    .unwrap();
    assert_eq!(fine.outcome(), Ok(()));
}

#[test]
fn an_operation_that_returns_nothing_answers_with_an_empty_body() {
    for binding in [BindingKind::HttpGet, BindingKind::HttpPost] {
        assert_eq!(
            sejour::LogoutResponse {}.write_response(binding).unwrap(),
            Payload::default()
        );
        assert!(sejour::LogoutResponse::read_response(binding, &Payload::default()).is_ok());
        assert!(
            sejour::LogoutResponse::read_response(binding, &body("<html>Error</html>")).is_err()
        );
    }
}

#[test]
fn asmx_get_and_post_percent_encode_the_token() {
    let request = sejour::LogoutRequest {
        token: Some("a b&c=d/é".into()),
    };
    let query = request
        .write_request(BindingKind::HttpGet)
        .unwrap()
        .query
        .unwrap();
    assert_eq!(query, "token=a+b%26c%3Dd%2F%C3%A9");
    assert_eq!(
        request.write_request(BindingKind::HttpPost).unwrap().body,
        query
    );
}

#[test]
fn cebes_writes_language_by_number_in_json_by_name_in_xml_and_keeps_unknown_values() {
    let request = cebes::AuthRequest {
        language: Some(cebes::Language::Id),
        ..Default::default()
    };
    assert_eq!(
        request.write_request(BindingKind::WebApiJson).unwrap().body,
        r#"{"language":1}"#
    );
    let xml = request.write_request(BindingKind::WebApiXml).unwrap().body;
    assert!(xml.contains("<language>ID</language>"), "{xml}");
    // An unknown number and an unknown name are kept apart, each as it came, so that
    // a value read from one format writes back to the other as that format can carry it.
    let json = body(r#"{"language": 7}"#);
    let read = cebes::AuthRequest::read_request(BindingKind::WebApiJson, &json).unwrap();
    assert_eq!(read.language, Some(cebes::Language::OtherNumber(7)));
    assert_eq!(
        read.write_request(BindingKind::WebApiJson).unwrap().body,
        r#"{"language":7}"#
    );
    let xml = read.write_request(BindingKind::WebApiXml).unwrap();
    assert!(xml.body.contains("<language>7</language>"), "{}", xml.body);
    let named = body(
        r#"<AuthRequest xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><language>EN</language></AuthRequest>"#,
    );
    let read = cebes::AuthRequest::read_request(BindingKind::WebApiXml, &named).unwrap();
    assert_eq!(read.language, Some(cebes::Language::Other("EN".into())));
    // Json.NET reads a name as well as a number.
    let as_json = read.write_request(BindingKind::WebApiJson).unwrap();
    assert_eq!(as_json.body, r#"{"language":"EN"}"#);
    assert_eq!(
        cebes::AuthRequest::read_request(BindingKind::WebApiJson, &as_json)
            .unwrap()
            .language,
        Some(cebes::Language::Other("EN".into()))
    );
}

#[test]
fn cebes_keeps_resp_time_exactly_and_takes_the_last_access_token_that_is_not_nil() {
    let xml = r#"<AuthResponse xmlns:i="http://www.w3.org/2001/XMLSchema-instance" xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><accessToken i:nil="true"/><respTime>2025-01-23T00:09:38.9648983+07:00</respTime><status>FAILED</status><accessToken>t</accessToken></AuthResponse>"#;
    let read = cebes::AuthResponse::read_response(BindingKind::WebApiXml, &body(xml)).unwrap();
    assert_eq!(read.access_token.value().map(String::as_str), Some("t"));
    assert_eq!(
        read.resp_time.unwrap().to_string(),
        "2025-01-23T00:09:38.9648983+07:00"
    );
    let failure = read.outcome().unwrap_err();
    assert_eq!(failure.status, Some(cebes::Status::Failed));
    let json = read.write_response(BindingKind::WebApiJson).unwrap().body;
    assert!(
        json.contains(r#""respTime":"2025-01-23T00:09:38.9648983+07:00""#),
        "{json}"
    );
    let written = read.write_response(BindingKind::WebApiXml).unwrap().body;
    let first = written.find("<accessToken").unwrap();
    assert!(
        written[first..].starts_with(r#"<accessToken i:nil="true"/>"#),
        "{written}"
    );
    assert!(
        written.ends_with("<accessToken>t</accessToken></AuthResponse>"),
        "{written}"
    );
}

#[test]
fn what_xml_cannot_carry_is_refused_naming_the_element() {
    let request = sejour::LogoutRequest {
        token: Some("a\u{1}b".into()),
    };
    let error = request.write_request(BindingKind::Soap11).unwrap_err();
    assert_eq!(error.at, "/Logout/token");
    assert_eq!(
        error.to_string(),
        "cannot write /Logout/token: XML 1.0 cannot carry the character U+0001"
    );
    assert!(request.write_request(BindingKind::HttpGet).is_ok());
}

#[test]
fn a_binding_the_documents_do_not_show_is_refused() {
    let error = xweb::WebLogoutRequest::default()
        .write_request(BindingKind::Soap12)
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        "cannot write WebLogout: the operation has no SOAP 1.2 binding"
    );
}

#[test]
fn the_operations_table_says_how_to_address_each_binding() {
    let logout = &sejour::OPERATIONS[0];
    let soap12 = logout.binding(BindingKind::Soap12).unwrap();
    assert_eq!(soap12.path, Some("/swsproxy/Authentication.asmx"));
    assert_eq!(
        soap12.request_headers(),
        [(
            "Content-Type",
            r#"application/soap+xml; charset=utf-8; action="http://www.sansejour.com/Logout""#
                .to_owned()
        )]
    );
    // xWeb's page shows neither its SOAP endpoint nor its action: its WSDL states both,
    // and its page the JSON methods the WSDL does not know.
    let logout = xweb::OPERATIONS
        .iter()
        .find(|op| op.name == "WebLogout")
        .unwrap();
    let soap = logout.binding(BindingKind::Soap11).unwrap();
    assert_eq!(
        (soap.path, soap.action),
        (
            Some("/netFORUMUpgrade2010Demo/xweb/secure/netForumXML.asmx"),
            Some("http://www.avectra.com/2005/WebLogout")
        )
    );
    assert_eq!(
        logout.binding(BindingKind::JsonPost).unwrap().path,
        Some("/xweb/JSON/WebLogout")
    );
    let cebes_json = cebes::OPERATIONS[0]
        .binding(BindingKind::WebApiJson)
        .unwrap();
    assert_eq!(
        (cebes_json.method, cebes_json.path),
        ("POST", Some("Session/Logout"))
    );
}

#[test]
fn every_soap_reply_is_refused_when_it_must_be_understood_or_is_of_the_other_version() {
    // srv.asmx's reply, carried in a SOAP body: a header that must be understood is refused
    // here as in every other reply.
    let must = r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header><t:Tx xmlns:t="urn:t" soap:mustUnderstand="1"/></soap:Header><soap:Body><root success="true"/></soap:Body></soap:Envelope>"#;
    match srv::LogOutResponse::read_response(BindingKind::Soap11, &body(must)) {
        Err(ResponseError::Decode(error)) => {
            assert!(
                matches!(error.problem, DecodeProblem::MustUnderstand(_)),
                "{error}"
            )
        }
        other => panic!("{other:?}"),
    }
    // A SOAP 1.2 success does not answer a SOAP 1.1 request, nor the other way round.
    let v12 = r#"<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><LogoutResponse xmlns="http://www.sansejour.com/"/></e:Body></e:Envelope>"#;
    let v11 = v12.replace(
        "http://www.w3.org/2003/05/soap-envelope",
        "http://schemas.xmlsoap.org/soap/envelope/",
    );
    for (binding, text) in [
        (BindingKind::Soap11, v12),
        (BindingKind::Soap12, v11.as_str()),
    ] {
        match sejour::LogoutResponse::read_response(binding, &body(text)) {
            Err(ResponseError::Decode(error)) => {
                assert!(error.to_string().contains("envelope"), "{error}")
            }
            other => panic!("{binding}: {other:?}"),
        }
    }
    assert!(sejour::LogoutResponse::read_response(BindingKind::Soap12, &body(v12)).is_ok());
    let srv_in_v12 = v12.replace(
        r#"<LogoutResponse xmlns="http://www.sansejour.com/"/>"#,
        r#"<root success="true"/>"#,
    );
    assert!(srv::LogOutResponse::read_response(BindingKind::Soap11, &body(&srv_in_v12)).is_err());
}

#[test]
fn cebes_refuses_an_ambiguous_verdict_and_reads_json_after_a_byte_order_mark() {
    let json = r#"{"status":"FAILED","respMessage":"no","status":"SUCCESS"}"#;
    assert!(
        matches!(
            cebes::AuthResponse::read_response(BindingKind::WebApiJson, &body(json)),
            Err(ResponseError::Decode(_))
        ),
        "FAILED then SUCCESS read as a verdict"
    );
    let xml = r#"<AuthResponse xmlns="http://schemas.datacontract.org/2004/07/Cebes.DI.H2H.Api.Models"><status>FAILED</status><status>SUCCESS</status></AuthResponse>"#;
    assert!(matches!(
        cebes::AuthResponse::read_response(BindingKind::WebApiXml, &body(xml)),
        Err(ResponseError::Decode(_))
    ));
    // Said twice alike, it is said once.
    let twice = r#"{"status":"SUCCESS","status":"SUCCESS"}"#;
    let read = cebes::AuthResponse::read_response(BindingKind::WebApiJson, &body(twice)).unwrap();
    assert_eq!(read.status, Some(cebes::Status::Success));
    let with_bom = "\u{feff}{\"status\":\"SUCCESS\"}";
    let read =
        cebes::AuthResponse::read_response(BindingKind::WebApiJson, &body(with_bom)).unwrap();
    assert!(read.outcome().is_ok());
}

/// A DataSet as an ASMX service sends it: its inline schema, then its data as a diffgram.
const DATA_SET: &str = r#"<xs:schema id="NewDataSet" xmlns="" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:msdata="urn:schemas-microsoft-com:xml-msdata"><xs:element name="NewDataSet" msdata:IsDataSet="true"><xs:complexType><xs:choice minOccurs="0" maxOccurs="unbounded"><xs:element name="Booking"><xs:complexType><xs:sequence><xs:element name="Id" type="xs:int" minOccurs="0"/><xs:element name="Guest" type="xs:string" minOccurs="0"/></xs:sequence></xs:complexType></xs:element></xs:choice></xs:complexType></xs:element></xs:schema><diffgr:diffgram xmlns:msdata="urn:schemas-microsoft-com:xml-msdata" xmlns:diffgr="urn:schemas-microsoft-com:xml-diffgram-v1"><NewDataSet xmlns=""><Booking diffgr:id="Booking1" msdata:rowOrder="0"><Id>7</Id><Guest>Ana &amp; Bo</Guest></Booking></NewDataSet></diffgr:diffgram>"#;

#[test]
fn a_data_set_result_is_kept_whole_through_soap_and_http_get() {
    use tests::fixtures::asmx_reports_get_daily_report as reports;
    let soap = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><GetDailyReportResponse xmlns="http://example.org/reports/"><GetDailyReportResult>{DATA_SET}</GetDailyReportResult></GetDailyReportResponse></soap:Body></soap:Envelope>"#
    );
    let get = format!(
        r#"<?xml version="1.0" encoding="utf-8"?><DataSet xmlns="http://example.org/reports/">{DATA_SET}</DataSet>"#
    );
    for (binding, text) in [(BindingKind::Soap11, soap), (BindingKind::HttpGet, get)] {
        let read = reports::GetDailyReportResponse::read_response(binding, &body(&text))
            .unwrap_or_else(|e| panic!("{binding}: {e}"));
        let content = read.get_daily_report_result.clone().expect("the DataSet");
        // Schema and data, as they came, with the namespaces they rely on.
        let wrapped = format!("<r>{}</r>", content.as_str());
        let document = roxmltree::Document::parse(&wrapped).expect("well-formed");
        let children: Vec<_> = document
            .root_element()
            .children()
            .filter(|n| n.is_element())
            .collect();
        assert_eq!(children.len(), 2, "{binding}: {}", content.as_str());
        assert_eq!(children[0].tag_name().name(), "schema");
        assert_eq!(
            children[1].tag_name().namespace(),
            Some("urn:schemas-microsoft-com:xml-diffgram-v1")
        );
        let guest = document
            .descendants()
            .find(|n| n.has_tag_name("Guest"))
            .unwrap();
        assert_eq!(guest.text(), Some("Ana & Bo"));
        // Written and read back, the same XML (the namespaces in scope it carries along may
        // be declared again, which says the same).
        let written = read.write_response(binding).unwrap();
        let again = reports::GetDailyReportResponse::read_response(binding, &written)
            .unwrap()
            .get_daily_report_result
            .expect("the DataSet");
        let wrap = |c: &generated::runtime::XmlContent| format!("<r>{}</r>", c.as_str());
        assert_eq!(
            tests::samples::xml_difference(&wrap(&again), &wrap(&content)),
            None,
            "{binding}: {}",
            written.body
        );
    }
}

#[test]
fn a_soap_encoded_operation_writes_encoding_and_types_and_reads_parts_with_or_without_them() {
    use tests::fixtures::asmx_user_service_logout_user as users;
    let request = users::LogoutUserRequest {
        token: Some("t & u".to_owned()),
    };
    let written = request.write_request(BindingKind::Soap11).unwrap().body;
    assert!(
        written.contains(
            r#"<soap:Body soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/">"#
        ),
        "{written}"
    );
    assert!(
        written.contains(r#"<token xmlns="" xsi:type="xsd:string">t &amp; u</token>"#),
        "{written}"
    );
    assert_eq!(
        users::LogoutUserRequest::read_request(BindingKind::Soap11, &body(&written)).unwrap(),
        request
    );
    // .NET's answer names the part's type; another stack may not.
    for part in [
        r#"<logoutUserResult xsi:type="xsd:boolean">true</logoutUserResult>"#,
        r#"<logoutUserResult>true</logoutUserResult>"#,
    ] {
        let response = format!(
            r#"<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:tns="http://tempuri.org/"><soap:Body soap:encodingStyle="http://schemas.xmlsoap.org/soap/encoding/"><tns:logoutUserResponse>{part}</tns:logoutUserResponse></soap:Body></soap:Envelope>"#
        );
        let read = users::LogoutUserResponse::read_response(BindingKind::Soap11, &body(&response))
            .unwrap_or_else(|e| panic!("{part}: {e}"));
        assert!(read.logout_user_result, "{part}");
    }
    // A literal message of the same operation writes neither.
    let literal = sejour::LogoutRequest {
        token: Some("t".to_owned()),
    }
    .write_request(BindingKind::Soap11)
    .unwrap()
    .body;
    assert!(
        !literal.contains("encodingStyle") && !literal.contains("xsi:type"),
        "{literal}"
    );
}
