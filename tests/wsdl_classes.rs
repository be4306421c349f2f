//! The classes of real WSDLs that the corpus showed, each in a fixture of ours
//! (`tests/fixtures/wsdl/`), through the module generated from it: what each sends and reads
//! is what the document says.

use generated::runtime::{
    BindingKind, DecodeProblem, EncodeProblem, FaultCode, Nillable, Payload, ReadRequest as _,
    ReadResponse as _, ResponseError, SoapFault, SoapVersion, WriteRequest as _,
    WriteResponse as _,
};
use tests::fixtures::{
    wsdl_abstract_types as directory, wsdl_bare_parts as orders, wsdl_case_collisions as catalog,
    wsdl_combined as archive, wsdl_max_occurs_zero as registry, wsdl_message_names as rates,
    wsdl_nested_arrays as reports, wsdl_wcf_tcp_and_http as clock,
};

fn envelope(body: &str) -> Payload {
    Payload::body(format!(
        r#"<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>{body}</soap:Body></soap:Envelope>"#
    ))
}

/// The names of the Body's children in a SOAP message, in order.
fn body_children(payload: &Payload) -> Vec<String> {
    let doc = roxmltree::Document::parse(&payload.body).expect("well-formed");
    let body = doc
        .descendants()
        .find(|n| n.has_tag_name("Body"))
        .expect("a Body");
    body.children()
        .filter(|n| n.is_element())
        .map(|n| n.tag_name().name().to_owned())
        .collect()
}

#[test]
fn operations_that_share_message_names_each_stand_by_their_own_name() {
    let names: Vec<&str> = rates::OPERATIONS.iter().map(|op| op.name).collect();
    assert_eq!(names, ["Double", "Negate", "Square", "cancelBets"]);
    // Each is told apart by its action, as its binding says.
    for op in &rates::OPERATIONS[..3] {
        let action = op.binding(BindingKind::Soap11).and_then(|b| b.action);
        assert_eq!(
            action,
            Some(format!("http://tempuri.org/IRates/{}", op.name).as_str())
        );
        assert_eq!(op.element, Some(("http://tempuri.org/", "LongReqM")));
    }
    let request = rates::Request::read(
        "Negate",
        BindingKind::Soap11,
        &envelope(r#"<LongReqM xmlns="http://tempuri.org/"><Value>7</Value></LongReqM>"#),
    )
    .expect("reads");
    assert_eq!(request.operation(), "Negate");
    assert_eq!(
        request,
        rates::Request::Negate(Box::new(rates::NegateRequest { value: Some(7) }))
    );
}

#[test]
fn an_element_the_type_forbids_is_no_member() {
    let request = registry::RegisterRequest {
        name: "Ann".to_owned(),
        note: None,
    };
    let written = request.write_request(BindingKind::Soap11).expect("writes");
    assert!(!written.body.contains("<Id"), "{}", written.body);
    // One a sender puts there all the same is tolerated, as other unknown elements are.
    let read = registry::RegisterRequest::read_request(
        BindingKind::Soap11,
        &envelope(r#"<Register xmlns="http://tempuri.org/"><Name>Ann</Name><Id>3</Id></Register>"#),
    )
    .expect("reads");
    assert_eq!(read, request);
}

#[test]
fn arrays_of_arrays_and_a_fault_of_an_array_read_and_write_back() {
    let request = reports::GetReportsRequest {
        grid: Some(reports::ArrayOfArrayOfString {
            array_of_string: vec![
                vec![Some("a".to_owned()), None],
                vec![],
                vec![Some("c".to_owned())],
            ],
        }),
    };
    let written = request.write_request(BindingKind::Soap11).expect("writes");
    let again =
        reports::GetReportsRequest::read_request(BindingKind::Soap11, &written).expect("reads");
    assert_eq!(again, request);

    let response = reports::GetReportsResponse {
        get_reports_result: Some(reports::FinancialReportList {
            r#type: vec![
                vec![reports::FinancialReport {
                    year: Some(2024),
                    title: Some("Q1".to_owned()),
                }],
                vec![],
            ],
        }),
    };
    let written = response
        .write_response(BindingKind::Soap11)
        .expect("writes");
    assert!(
        written
            .body
            .contains("<Type><FinancialReportItem><Year>2024</Year>"),
        "{}",
        written.body
    );
    let again =
        reports::GetReportsResponse::read_response(BindingKind::Soap11, &written).expect("reads");
    assert_eq!(again, response);

    let fault = reports::GetReportsFault::ValidationFault(vec![reports::ValidationError {
        field: Some("grid".to_owned()),
        message: Some("empty".to_owned()),
    }]);
    let detail = fault.to_detail().expect("writes");
    let soap = SoapFault {
        version: SoapVersion::Soap11,
        code: FaultCode {
            namespace: "http://schemas.xmlsoap.org/soap/envelope/".to_owned(),
            local: "Client".to_owned(),
        },
        subcodes: Vec::new(),
        reason: "invalid".to_owned(),
        actor: None,
        node: None,
        detail: Some(detail),
    };
    assert_eq!(
        reports::GetReportsFault::from_fault(&soap).expect("reads"),
        Some(fault)
    );
}

#[test]
fn a_lone_nillable_array_result_tells_nil_from_empty() {
    let read = |result: &str| {
        reports::ListCodesResponse::read_response(
            BindingKind::Soap11,
            &envelope(&format!(
                r#"<ListCodesResponse xmlns="http://tempuri.org/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">{result}</ListCodesResponse>"#
            )),
        )
        .expect("reads")
        .list_codes_result
    };
    assert_eq!(read(""), Nillable::Absent);
    assert_eq!(read(r#"<ListCodesResult xsi:nil="true"/>"#), Nillable::Nil);
    assert_eq!(
        read("<ListCodesResult><string>x</string></ListCodesResult>"),
        Nillable::Value(vec![Some("x".to_owned())])
    );
}

#[test]
fn an_array_parameter_of_http_get_and_post_is_its_name_repeated() {
    let request = directory::LookupRequest {
        ids: Some(vec![Some("a b".to_owned()), Some("c&d".to_owned())]),
        limit: 3,
    };
    for binding in [BindingKind::HttpGet, BindingKind::HttpPost] {
        let written = request.write_request(binding).expect("writes");
        let pairs = written
            .query
            .clone()
            .unwrap_or_else(|| written.body.clone());
        assert_eq!(pairs, "ids=a+b&ids=c%26d&limit=3", "{binding:?}");
        let again = directory::LookupRequest::read_request(binding, &written).expect("reads");
        assert_eq!(again, request, "{binding:?}");
    }
    // A nil item has no pair to be.
    let nil = directory::LookupRequest {
        ids: Some(vec![Some("a".to_owned()), None]),
        limit: 1,
    };
    let error = nil
        .write_request(BindingKind::HttpGet)
        .expect_err("refused");
    assert_eq!(error.problem, EncodeProblem::NilPair);
    assert_eq!(error.at, "ids[1]");
}

#[test]
fn the_parts_of_a_bare_message_stand_in_the_body_in_order() {
    let request = orders::PlaceOrdersRequest {
        login: orders::Login {
            user: Some("ann".to_owned()),
            key: None,
        },
        orders: vec![Some(orders::Order {
            sku: Some("X-1".to_owned()),
            quantity: 2,
        })],
        warnings: vec![],
    };
    for binding in [BindingKind::Soap11, BindingKind::Soap12] {
        let written = request.write_request(binding).expect("writes");
        assert_eq!(body_children(&written), ["login", "orders", "warnings"]);
        let again = orders::PlaceOrdersRequest::read_request(binding, &written).expect("reads");
        assert_eq!(again, request);
    }
    let response = orders::PlaceOrdersResponse::read_response(
        BindingKind::Soap11,
        &envelope(
            r#"<Int32 xmlns="http://tempuri.org/">41</Int32><warnings xmlns="http://tempuri.org/"><string>late</string></warnings>"#,
        ),
    )
    .expect("reads");
    assert_eq!(response.int32, 41);
    assert_eq!(response.warnings, [Some("late".to_owned())]);
    // A part the Body lacks is missing, as a member of a wrapper would be.
    let error = orders::PlaceOrdersResponse::read_response(
        BindingKind::Soap11,
        &envelope(r#"<warnings xmlns="http://tempuri.org/"/>"#),
    )
    .expect_err("refused");
    assert!(
        matches!(&error, ResponseError::Decode(e) if matches!(e.problem, DecodeProblem::Missing(_))),
        "{error}"
    );
}

#[test]
fn operations_named_alike_in_rust_get_types_of_their_own() {
    let client = catalog::Client::new("http://127.0.0.1:9").expect("a client");
    let action = |request: &generated::runtime::http::Request<Vec<u8>>| {
        request
            .headers()
            .get("SOAPAction")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let first = client
        .request(catalog::op::GetItem, &catalog::GetItemRequest { id: 1 })
        .expect("builds");
    let second = client
        .request(
            catalog::op::GetItem2,
            &catalog::GetItemRequestMessage { name: None },
        )
        .expect("builds");
    let third = client
        .request(catalog::op::GetItem3, &catalog::GetItemRequest2 {})
        .expect("builds");
    let fourth = client
        .request(
            catalog::op::GetItemBlocking,
            &catalog::GetItemBlockingRequest {},
        )
        .expect("builds");
    assert_eq!(
        [&first, &second, &third, &fourth].map(|r| action(r)),
        [
            "\"http://tempuri.org/GetItem\"",
            "\"http://tempuri.org/getItem\"",
            "\"http://tempuri.org/Get_Item\"",
            "\"http://tempuri.org/GetItemBlocking\"",
        ]
        .map(|a| Some(a.to_owned()))
    );
    // Types named as the module's own items are (its `Operation` trait, its `Client`) take
    // other names.
    let response = catalog::GetItemBlockingResponse {
        operation: Some(catalog::OperationType { name: None }),
        client: Some(catalog::ClientType { name: None }),
    };
    let written = response
        .write_response(BindingKind::Soap11)
        .expect("writes");
    assert!(
        written.body.contains(
            r#"<GetItemBlockingResponse xmlns="http://tempuri.org/"><operation/><client/></GetItemBlockingResponse>"#
        ),
        "{}",
        written.body
    );
}

#[test]
fn bindings_over_other_transports_are_left_out_and_named() {
    let [now] = clock::OPERATIONS else {
        panic!("one operation");
    };
    let kinds: Vec<BindingKind> = now.bindings.iter().map(|b| b.kind).collect();
    assert_eq!(kinds, [BindingKind::Soap11]);
    assert_eq!(now.bindings[0].path, Some("/Clock.svc"));
    // The host is the HTTP endpoint's, never the net.tcp one's.
    assert_eq!(clock::DEFAULT_HOST, "clock.example.com");
    let service = tests::read_page(
        &tests::workspace_root().join("tests/fixtures/wsdl/wcf-tcp-and-http.wsdl"),
    )
    .expect("reads");
    let notes: Vec<&str> = service
        .documentation
        .iter()
        .map(|d| d.text.as_str())
        .collect();
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(notes[0].starts_with("The binding NetTcpBinding_IClock is left out"));
    assert!(notes[1].contains("MSMQ"));
}

#[test]
fn a_combined_wsdl_gives_each_service_once() {
    let paths: Vec<(&str, Option<&str>)> = archive::OPERATIONS
        .iter()
        .map(|op| {
            (
                op.name,
                op.binding(BindingKind::Soap11).and_then(|b| b.path),
            )
        })
        .collect();
    assert_eq!(
        paths,
        [
            ("Store", Some("/Archive.svc")),
            ("Fetch", Some("/ArchiveReader.svc"))
        ]
    );
    let response = archive::FetchResponse {
        fetch_result: Nillable::Value(archive::Document {
            title: Nillable::Value("Q".to_owned()),
            pages: Some(3),
        }),
    };
    let written = response
        .write_response(BindingKind::Soap11)
        .expect("writes");
    let again =
        archive::FetchResponse::read_response(BindingKind::Soap11, &written).expect("reads");
    assert_eq!(again, response);
}

mod hierarchies {
    //! Type hierarchies at the sizes a generator of real WSDLs must bear: what deep, wide
    //! and cyclic ones give.

    use codegen::model::MAX_DERIVATION_DEPTH;
    use tests::hierarchies::{Hierarchy, folder};

    fn generated(shape: Hierarchy, n: usize, declared: &[usize]) -> String {
        let service = codegen::read_folder(&folder(shape, n, declared)).unwrap();
        codegen::module_text(&service).unwrap()
    }

    /// The text of the item that begins with `head`, to its closing brace.
    fn item<'t>(text: &'t str, head: &str) -> &'t str {
        let start = text.find(head).unwrap_or_else(|| panic!("no `{head}`"));
        let end = text[start..].find("\n}\n").unwrap();
        &text[start..start + end]
    }

    #[test]
    fn a_chain_as_deep_as_the_limit_gives_each_type_every_member_of_its_bases() {
        let deepest = MAX_DERIVATION_DEPTH;
        let text = generated(Hierarchy::Chain, deepest + 1, &[0]);
        let last = item(&text, &format!("pub struct T{deepest} {{"));
        for i in 0..=deepest {
            assert!(last.contains(&format!("pub f{i}: ")), "no f{i} in {last}");
        }
    }

    #[test]
    fn a_chain_past_the_limit_is_refused_where_it_passes_it_naming_the_limit() {
        let n = 10_000;
        let error = codegen::read_folder(&folder(Hierarchy::Chain, n, &[0])).unwrap_err();
        let shown = error.to_string();
        // Once, at the type with one base too many; the deeper ones derive from it.
        assert_eq!(error.0.len(), 1, "{shown}");
        let past = MAX_DERIVATION_DEPTH + 1;
        assert!(
            shown.contains(&format!(
                "the type {{urn:hierarchy}}T{past} (through T{} →",
                past - 1
            )),
            "{shown}"
        );
        assert!(
            shown.contains(&format!(
                "goes past the limit of {MAX_DERIVATION_DEPTH} bases"
            )),
            "{shown}"
        );
        let line = past + 5;
        assert!(
            shown.starts_with(&format!("Hierarchy.wsdl:{line}:")),
            "{shown}"
        );
    }

    #[test]
    fn a_long_cycle_is_refused_at_each_type_in_a_line_each() {
        let error = codegen::read_folder(&folder(Hierarchy::Cycle, 10_000, &[0])).unwrap_err();
        let shown = error.to_string();
        assert!(
            shown.contains(
                "the type {urn:hierarchy}T0 derives from itself (through T0 → T9999 → T9998"
            ),
            "{shown}"
        );
        assert!(shown.contains("(10000 in all)"), "{shown}");
        // Each diagnostic names its own type first, and none spells out the whole cycle.
        assert!(
            shown.contains("the type {urn:hierarchy}T1 derives from itself (through T1 → T0 →")
        );
        assert!(shown.lines().all(|line| line.len() < 400), "{shown}");
    }

    #[test]
    fn only_a_declared_type_gets_an_enum_over_the_types_derived_from_it() {
        let text = generated(Hierarchy::Chain, 10, &[0, 5]);
        let any = item(&text, "pub enum AnyT0 {");
        for i in 0..10 {
            assert!(
                any.contains(&format!("T{i}(Box<T{i}>)")),
                "no T{i} in {any}"
            );
        }
        let any = item(&text, "pub enum AnyT5 {");
        assert!(
            any.contains("T9(Box<T9>)") && !any.contains("T4(Box<T4>)"),
            "{any}"
        );
        // The bases between, which no element declares, have none.
        for i in [1, 2, 3, 4, 6, 7, 8] {
            assert!(
                !text.contains(&format!("enum AnyT{i} ")),
                "AnyT{i} in the module"
            );
        }
    }

    #[test]
    fn a_wide_family_gives_one_enum_over_all_of_it() {
        let text = generated(Hierarchy::Wide, 2_000, &[0]);
        let any = item(&text, "pub enum AnyT0 {");
        assert_eq!(any.matches("(Box<T").count(), 2_000);
        assert_eq!(text.matches("pub enum Any").count(), 1);
    }
}
