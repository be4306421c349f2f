//! The generated code against independent SOAP stacks: messages that zeep wrote from the
//! WSDL fixtures (`tests/fixtures/oracle`, and its README for how) are read by the modules
//! generated from the same WSDLs into the values zeep was given, and the values written back
//! equal zeep's messages as XML: names, namespaces, order, text, `xsi:type` and `xsi:nil`.
//! SOAP-encoded (rpc/encoded) messages are suds's, which speaks SOAP section 5: its requests
//! read and write back the same as SOAP-encoded XML, and replies in ASMX's form, values apart
//! and referred to, read into what suds read of them.

use generated::runtime::{
    BindingKind, DateTime, Decimal, Guid, HexBinary, Nillable, Payload, ReadRequest as _,
    ReadResponse as _, WriteRequest as _, WriteResponse as _, XmlContent,
};
use tests::fixtures::wsdl_rpc_encoded as directory;
use tests::fixtures::{wsdl_netforum_ondemand as netforum, wsdl_rpc_literal as quotes};
use tests::fixtures::{wsdl_taxcloud as taxcloud, wsdl_warehouse as warehouse};
use tests::samples::{encoded_difference, pairs_difference, xml_difference};
use tests::workspace_root;

const TRICKY: &str = "Ünïcødé <&> \"quoted\" 'single' ☃";

fn oracle(name: &str) -> String {
    let path = workspace_root().join("tests/fixtures/oracle").join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn body(name: &str) -> Payload {
    Payload::body(oracle(name))
}

/// Written XML must equal the oracle's message.
fn same_xml(written: &Payload, name: &str) {
    if let Some(difference) = xml_difference(&written.body, &oracle(name)) {
        panic!(
            "{name}: the generated code writes {difference}\n{}",
            written.body
        );
    }
}

/// Raw content must say what `expected` says, as XML.
fn same_content(content: &XmlContent, expected: &str) {
    let wrap = |text: &str| format!("<content>{text}</content>");
    if let Some(difference) = xml_difference(&wrap(content.as_str()), &wrap(expected)) {
        panic!("the content is {difference}\n{}", content.as_str());
    }
}

fn date_time(text: &str) -> DateTime {
    text.parse().expect("a date-time")
}

fn decimal(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

fn guid(text: &str) -> Guid {
    Guid::parse_str(text).expect("a GUID")
}

fn session(token: &str) -> Option<warehouse::Session> {
    Some(warehouse::Session {
        token: Some(token.to_owned()),
        ..Default::default()
    })
}

#[test]
fn a_header_in_and_a_choice_read_and_write_as_zeep_writes_them() {
    let name = "warehouse.LookupItem.request.soap11.xml";
    let read = warehouse::LookupItemRequest::read_request(BindingKind::Soap11, &body(name))
        .expect("reads");
    let expected = warehouse::LookupItemRequest {
        session: session("tok-1"),
        key: warehouse::Lookup {
            choice: warehouse::LookupChoice::ByName(TRICKY.to_owned()),
        },
    };
    assert_eq!(read, expected);
    same_xml(
        &expected.write_request(BindingKind::Soap11).expect("writes"),
        name,
    );
}

#[test]
fn a_derived_type_in_its_base_slot_travels_with_xsi_type() {
    let name = "warehouse.LookupItem.response.soap11.xml";
    let read = warehouse::LookupItemResponse::read_response(BindingKind::Soap11, &body(name))
        .expect("reads");
    let expected = warehouse::LookupItemResponse {
        session: session("tok-2"),
        lookup_item_result: Some(warehouse::AnyItem::from(warehouse::Book {
            sku: Some("B-7".to_owned()),
            name: Some(TRICKY.to_owned()),
            price: Some(warehouse::Money {
                currency: warehouse::CurrencyCode("EUR".to_owned()),
                rounding: Some("up".to_owned()),
                value: decimal("12.50"),
            }),
            // zeep leaves a nil array item out rather than writing it nil.
            tags: Some(vec![Some("new".to_owned()), Some("sale".to_owned())]),
            added: date_time("2025-01-23T00:09:38.9648983+07:00"),
            id: guid("5b0c7d3e-2a8f-4f61-9a57-0e1f2d3c4b5a"),
            grade: 65,
            isbn: Some(warehouse::Isbn("978-3-16-148410-0".to_owned())),
            pages: 412,
            details: Some(warehouse::BookDetails {
                author: Some("F. Herbert".to_owned()),
            }),
        })),
    };
    assert_eq!(read, expected);
    same_xml(
        &expected
            .write_response(BindingKind::Soap11)
            .expect("writes"),
        name,
    );
}

fn order() -> warehouse::Order {
    warehouse::Order {
        version: 3,
        etag: Some(HexBinary(vec![0x0a, 0xff])),
        channel: Some("web".to_owned()),
        lines: Some(vec![
            Some(warehouse::OrderLine {
                sku: Some("F-1".to_owned()),
                quantity: warehouse::Quantity("2".to_owned()),
                item: Some(warehouse::AnyItem::from(warehouse::Film {
                    sku: Some("F-1".to_owned()),
                    name: None,
                    price: None,
                    tags: None,
                    added: date_time("2025-01-23T00:09:38+07:00"),
                    id: guid("00000000-0000-0000-0000-000000000001"),
                    grade: 66,
                    runtime: "PT2H15M".to_owned(),
                    rating: warehouse::Rating::from_name("PG-13"),
                    details: None,
                })),
                shape: Some(warehouse::AnyShape::from(warehouse::Circle {
                    label: Some("c".to_owned()),
                    radius: 1.5,
                })),
            }),
            Some(warehouse::OrderLine {
                sku: Some("S-2".to_owned()),
                quantity: warehouse::Quantity("1".to_owned()),
                item: None,
                shape: Some(
                    warehouse::Square {
                        label: Some(TRICKY.to_owned()),
                        side: decimal("2.25"),
                    }
                    .into(),
                ),
            }),
        ]),
        choice: vec![
            warehouse::OrderChoice::Card(Box::new(warehouse::Card {
                number: Some("4111".to_owned()),
                security_code: Some("123".to_owned()),
            })),
            warehouse::OrderChoice::Voucher("V-9".to_owned()),
        ],
        created_by: Some("clerk".to_owned()),
        created_at: date_time("2025-01-23T00:09:38Z"),
        note: Nillable::Nil,
        priority: Some(5),
        customer: Some(warehouse::Customer {
            user_id: Some("u-1".to_owned()),
            user_id_2: Some("U-2".to_owned()),
            r#type: Some("retail".to_owned()),
            self_: None,
            r#match: true,
        }),
    }
}

#[test]
fn soap_12_abstract_bases_repeated_choices_groups_and_qualified_attributes() {
    let name = "warehouse.PlaceOrder.request.soap12.xml";
    let read = warehouse::PlaceOrderRequest::read_request(BindingKind::Soap12, &body(name))
        .expect("reads");
    let expected = warehouse::PlaceOrderRequest {
        session: session("tok-3"),
        order: Some(order()),
    };
    assert_eq!(read, expected);
    same_xml(
        &expected.write_request(BindingKind::Soap12).expect("writes"),
        name,
    );
}

#[test]
fn simple_content_with_attributes_and_an_enumeration_in_a_soap_12_reply() {
    let name = "warehouse.PlaceOrder.response.soap12.xml";
    let read = warehouse::PlaceOrderResponse::read_response(BindingKind::Soap12, &body(name))
        .expect("reads");
    let expected = warehouse::PlaceOrderResponse {
        session: session("tok-4"),
        place_order_result: Some(warehouse::OrderReceipt {
            number: Some("O-42".to_owned()),
            total: Some(warehouse::Money {
                currency: warehouse::CurrencyCode("USD".to_owned()),
                // zeep writes the attribute's default where it is not given.
                rounding: Some("half-even".to_owned()),
                value: decimal("17.75"),
            }),
            status: warehouse::OrderStatus::Backordered,
        }),
    };
    assert_eq!(read, expected);
    same_xml(
        &expected
            .write_response(BindingKind::Soap12)
            .expect("writes"),
        name,
    );
}

#[test]
fn any_xml_and_a_data_set_are_kept_whole() {
    let name = "warehouse.GetRawXml.response.soap11.xml";
    let read = warehouse::GetRawXmlResponse::read_response(BindingKind::Soap11, &body(name))
        .expect("reads");
    let content = read.get_raw_xml_result.as_ref().expect("a result");
    same_content(
        content,
        r#"<report xmlns="urn:example:report" kind="daily"><line n="1">a &amp; b</line><x:extra xmlns:x="urn:example:extra">2</x:extra></report>"#,
    );
    same_xml(
        &read.write_response(BindingKind::Soap11).expect("writes"),
        name,
    );

    let name = "warehouse.GetReport.response.soap11.xml";
    let read = warehouse::GetReportResponse::read_response(BindingKind::Soap11, &body(name))
        .expect("reads");
    let content = read.get_report_result.as_ref().expect("a result");
    assert!(
        content.as_str().contains("diffgr:diffgram"),
        "{}",
        content.as_str()
    );
    assert!(
        content.as_str().contains("msdata:rowOrder=\"0\""),
        "{}",
        content.as_str()
    );
    same_xml(
        &read.write_response(BindingKind::Soap11).expect("writes"),
        name,
    );
}

#[test]
fn http_get_and_post_carry_the_parameters_as_zeep_sends_them() {
    let expected = warehouse::GetStockRequest {
        sku: Some("A&B=c+d/é#%".to_owned()),
        warehouse: 7,
    };
    let query = oracle("warehouse.GetStock.request.httpget.txt");
    let read = warehouse::GetStockRequest::read_request(
        BindingKind::HttpGet,
        &Payload::query(query.clone()),
    )
    .expect("reads");
    assert_eq!(read, expected);
    let written = expected
        .write_request(BindingKind::HttpGet)
        .expect("writes");
    assert_eq!(
        pairs_difference(written.query.as_deref().unwrap_or(""), &query),
        None
    );

    let form = oracle("warehouse.GetStock.request.httppost.txt");
    let read = warehouse::GetStockRequest::read_request(
        BindingKind::HttpPost,
        &Payload::body(form.clone()),
    )
    .expect("reads");
    assert_eq!(read, expected);
    let written = expected
        .write_request(BindingKind::HttpPost)
        .expect("writes");
    assert_eq!(pairs_difference(&written.body, &form), None);

    let name = "warehouse.GetStock.response.http.xml";
    for binding in [BindingKind::HttpGet, BindingKind::HttpPost] {
        let read = warehouse::GetStockResponse::read_response(binding, &body(name)).expect("reads");
        assert_eq!(
            read,
            warehouse::GetStockResponse {
                get_stock_result: -3
            }
        );
        same_xml(&read.write_response(binding).expect("writes"), name);
    }
}

#[test]
fn lists_unions_binaries_and_anonymous_simple_types() {
    let name = "warehouse.Measure.request.soap11.xml";
    let read =
        warehouse::MeasureRequest::read_request(BindingKind::Soap11, &body(name)).expect("reads");
    let expected = warehouse::MeasureRequest {
        sizes: Some(warehouse::Sizes(vec![
            warehouse::SizeCode::S,
            warehouse::SizeCode::L,
        ])),
        dimension: Some(warehouse::Dimension("M".to_owned())),
        code: Some(HexBinary(vec![0x01, 0xab])),
        blob: Some(vec![0, 1, 2]),
        label: Some("one two".to_owned()),
        serial: Some("123456789012345678901234567890".to_owned()),
        anything: Some("x".to_owned()),
        lot: Some("L-7".to_owned()),
        unit: Some(warehouse::Unit::Mm),
    };
    assert_eq!(read, expected);
    same_xml(
        &expected.write_request(BindingKind::Soap11).expect("writes"),
        name,
    );
}

#[test]
fn types_that_hold_themselves() {
    let name = "warehouse.Walk.request.soap11.xml";
    let read =
        warehouse::WalkRequest::read_request(BindingKind::Soap11, &body(name)).expect("reads");
    let node = |value: &str, next: Option<warehouse::Node>| warehouse::Node {
        value: Some(value.to_owned()),
        next: next.map(Box::new),
    };
    let category = |name: &str| warehouse::Category {
        name: Some(name.to_owned()),
        ..Default::default()
    };
    let expected = warehouse::WalkRequest {
        start: Some(node("a", Some(node("b", Some(node("c", None)))))),
        tree: Some(warehouse::Category {
            children: Some(vec![
                Some(warehouse::Category {
                    parent: Some(Box::new(warehouse::CategoryRef {
                        category: Box::new(category("root")),
                    })),
                    ..category("left")
                }),
                Some(category("right")),
            ]),
            ..category("root")
        }),
    };
    assert_eq!(read, expected);
    same_xml(
        &expected.write_request(BindingKind::Soap11).expect("writes"),
        name,
    );
}

#[test]
fn arrays_of_a_named_type_and_enumerations_of_a_real_wsdl() {
    let name = "taxcloud.LookupForDate.request.soap11.xml";
    let read = taxcloud::LookupForDateRequest::read_request(BindingKind::Soap11, &body(name))
        .expect("reads");
    let address = |line: &str, city: &str, state: &str, zip: &str| taxcloud::Address {
        address1: Some(line.to_owned()),
        city: Some(city.to_owned()),
        state: Some(state.to_owned()),
        zip5: Some(zip.to_owned()),
        ..Default::default()
    };
    let item = |index, id: &str, tic, price, qty| {
        Some(taxcloud::CartItem {
            index,
            item_id: Some(id.to_owned()),
            tic,
            price,
            qty,
        })
    };
    let expected = taxcloud::LookupForDateRequest {
        api_login_id: Some("login".to_owned()),
        api_key: Some("key".to_owned()),
        customer_id: Some("c-1".to_owned()),
        cart_id: Some("cart-9".to_owned()),
        cart_items: Some(vec![
            item(0, "i-1", 20010, 9.99, 2.5),
            item(1, "i-2", 0, 0.5, 1.25),
        ]),
        origin: Some(address("1 Main St", "Springfield", "IL", "62701").into()),
        destination: Some(address("2 Elm St", "Austin", "TX", "73301").into()),
        delivered_by_seller: false,
        exempt_cert: Some(taxcloud::ExemptionCertificate {
            certificate_id: Some("cert".to_owned()),
            detail: Some(taxcloud::ExemptionCertificateDetail {
                exempt_states: Some(vec![Some(taxcloud::ExemptState {
                    state_abbr: taxcloud::State::Wa,
                    reason_for_exemption: Some("resale".to_owned()),
                    identification_number: None,
                })]),
                single_purchase: true,
                single_purchase_order_number: None,
                purchaser_first_name: None,
                purchaser_last_name: None,
                purchaser_title: None,
                purchaser_address1: None,
                purchaser_address2: None,
                purchaser_city: None,
                purchaser_state: taxcloud::State::Ny,
                purchaser_zip: None,
                purchaser_tax_id: None,
                purchaser_business_type: taxcloud::BusinessType::Construction,
                purchaser_business_type_other_value: None,
                purchaser_exemption_reason: taxcloud::ExemptionReason::Resale,
                purchaser_exemption_reason_value: None,
                created_date: date_time("2025-01-23T00:09:38Z"),
            }),
        }),
        use_date: date_time("2025-02-01T00:00:00"),
    };
    assert_eq!(read, expected);
    same_xml(
        &expected.write_request(BindingKind::Soap11).expect("writes"),
        name,
    );
}

#[test]
fn a_real_wsdl_header_in_and_out_with_any_xml_in_the_result() {
    let name = "netforum-ondemand.GetQuery.request.soap11.xml";
    let read =
        netforum::GetQueryRequest::read_request(BindingKind::Soap11, &body(name)).expect("reads");
    let expected = netforum::GetQueryRequest {
        authorization_token: Some(netforum::AuthorizationToken {
            token: Some("tok-5".to_owned()),
            ..Default::default()
        }),
        sz_object_name: Some("Individual".to_owned()),
        sz_column_list: Some("ind_cst_key".to_owned()),
        sz_where_clause: Some("ind_last_name = 'O''Brien'".to_owned()),
        sz_order_by: Some(String::new()),
    };
    assert_eq!(read, expected);
    same_xml(
        &expected.write_request(BindingKind::Soap11).expect("writes"),
        name,
    );

    let name = "netforum-ondemand.GetQuery.response.soap11.xml";
    let read =
        netforum::GetQueryResponse::read_response(BindingKind::Soap11, &body(name)).expect("reads");
    assert_eq!(
        read.authorization_token
            .as_ref()
            .and_then(|t| t.token.as_deref()),
        Some("tok-6")
    );
    same_content(
        read.get_query_result.as_ref().expect("a result"),
        "<IndividualObjects recordReturn=\"1\"><IndividualObject><ind_cst_key>k</ind_cst_key></IndividualObject></IndividualObjects>",
    );
    same_xml(
        &read.write_response(BindingKind::Soap11).expect("writes"),
        name,
    );
}

#[test]
fn rpc_literal_parts_are_unqualified_in_a_wrapper_named_after_the_operation() {
    let name = "rpc-literal.GetQuote.request.soap12.xml";
    let read =
        quotes::GetQuoteRequest::read_request(BindingKind::Soap12, &body(name)).expect("reads");
    let expected = quotes::GetQuoteRequest {
        symbol: "MSFT".to_owned(),
        when: date_time("2025-01-23T00:09:38Z"),
    };
    assert_eq!(read, expected);
    same_xml(
        &expected.write_request(BindingKind::Soap12).expect("writes"),
        name,
    );
}

/// Written SOAP-encoded XML must say what suds's message says.
fn same_encoded(written: &Payload, name: &str) {
    if let Some(difference) = encoded_difference(&written.body, &oracle(name)) {
        panic!(
            "{name}: the generated code writes {difference}\n{}",
            written.body
        );
    }
}

/// What suds read of a reply, as JSON.
fn suds_read(name: &str) -> serde_json::Value {
    serde_json::from_str(&oracle(name)).expect("suds wrote JSON")
}

fn directory_user(value: &serde_json::Value) -> directory::User {
    let text = |key: &str| value[key].as_str().expect("a string").to_owned();
    directory::User {
        name: text("Name"),
        age: value["Age"]
            .as_i64()
            .and_then(|n| i32::try_from(n).ok())
            .expect("an int"),
        role: match value["Role"].as_str() {
            Some("Reader") => directory::Role::Reader,
            Some("Editor") => directory::Role::Editor,
            Some("Admin") => directory::Role::Admin,
            other => panic!("suds read the role {other:?}"),
        },
        tags: value["Tags"]
            .as_array()
            .expect("an array")
            .iter()
            .map(|tag| tag.as_str().expect("a string").to_owned())
            .collect(),
        address: directory::Address {
            street: value["Address"]["Street"]
                .as_str()
                .expect("a string")
                .to_owned(),
            city: value["Address"]["City"]
                .as_str()
                .expect("a string")
                .to_owned(),
        },
    }
}

#[test]
fn soap_encoded_parts_read_and_write_as_suds_writes_them() {
    let name = "rpc-encoded.Echo.request.soap11.xml";
    let read =
        directory::EchoRequest::read_request(BindingKind::Soap11, &body(name)).expect("reads");
    let expected = directory::EchoRequest {
        text: TRICKY.to_owned(),
        times: 3,
        loud: true,
    };
    assert_eq!(read, expected);
    same_encoded(
        &expected.write_request(BindingKind::Soap11).expect("writes"),
        name,
    );
    let ping = "rpc-encoded.Ping.request.soap11.xml";
    let read = directory::PingRequest::read_request(BindingKind::Soap11, &body(ping));
    assert_eq!(read.expect("reads"), directory::PingRequest {});
    same_encoded(
        &directory::PingRequest {}
            .write_request(BindingKind::Soap11)
            .expect("writes"),
        ping,
    );
}

#[test]
fn soap_encoded_structs_enumerations_and_arrays_read_and_write_as_suds_writes_them() {
    let name = "rpc-encoded.SaveUser.request.soap11.xml";
    let read =
        directory::SaveUserRequest::read_request(BindingKind::Soap11, &body(name)).expect("reads");
    let expected = directory::SaveUserRequest {
        user: directory::User {
            name: TRICKY.to_owned(),
            age: 41,
            role: directory::Role::Editor,
            tags: vec!["a".to_owned(), "b <c>".to_owned()],
            address: directory::Address {
                street: "1 Main St".to_owned(),
                city: "Springfield".to_owned(),
            },
        },
    };
    assert_eq!(read, expected);
    let written = expected.write_request(BindingKind::Soap11).expect("writes");
    // The array names its items' type and count, and each item its own.
    assert!(
        written.body.contains(r#":arrayType="xsd:string[2]""#),
        "{}",
        written.body
    );
    same_encoded(&written, name);

    let name = "rpc-encoded.FindUsers.request.soap11.xml";
    let read =
        directory::FindUsersRequest::read_request(BindingKind::Soap11, &body(name)).expect("reads");
    let expected = directory::FindUsersRequest {
        names: vec!["Ann".to_owned(), "Bo".to_owned()],
        since: date_time("2024-05-06T07:08:09"),
    };
    assert_eq!(read, expected);
    same_encoded(
        &expected.write_request(BindingKind::Soap11).expect("writes"),
        name,
    );
}

#[test]
fn soap_encoded_replies_with_values_apart_read_as_suds_reads_them() {
    let name = "rpc-encoded.FindUsers.response.soap11.xml";
    let read = directory::FindUsersResponse::read_response(BindingKind::Soap11, &body(name))
        .expect("reads");
    let suds = suds_read("rpc-encoded.FindUsers.response.soap11.suds.json");
    let users: Vec<directory::User> = suds
        .as_array()
        .expect("suds read an array")
        .iter()
        .map(directory_user)
        .collect();
    assert_eq!(users.len(), 2);
    assert_eq!(read.find_users_result, users);
    // What a server writes of it reads back the same, in either SOAP version.
    for binding in [BindingKind::Soap11, BindingKind::Soap12] {
        let written = read.write_response(binding).expect("writes");
        let again = directory::FindUsersResponse::read_response(binding, &written)
            .unwrap_or_else(|e| panic!("{binding:?}: {e}\n{}", written.body));
        assert_eq!(again, read, "{binding:?}");
    }

    let name = "rpc-encoded.Echo.response.soap11.xml";
    let read =
        directory::EchoResponse::read_response(BindingKind::Soap11, &body(name)).expect("reads");
    let suds = suds_read("rpc-encoded.Echo.response.soap11.suds.json");
    assert_eq!(Some(read.echo_result.as_str()), suds.as_str());
}

#[test]
fn soap_12_encoded_arrays_say_their_item_type_and_size() {
    let request = directory::FindUsersRequest {
        names: vec!["Ann".to_owned(), "Bo".to_owned(), "Cy".to_owned()],
        since: date_time("2024-05-06T07:08:09Z"),
    };
    let written = request.write_request(BindingKind::Soap12).expect("writes");
    let doc = roxmltree::Document::parse(&written.body).expect("well-formed");
    let names = doc
        .descendants()
        .find(|n| n.has_tag_name("names"))
        .expect("the array");
    let encoding = "http://www.w3.org/2003/05/soap-encoding";
    assert_eq!(names.attribute((encoding, "arraySize")), Some("3"));
    let item_type = names
        .attribute((encoding, "itemType"))
        .expect("an item type");
    let (prefix, local) = item_type.split_once(':').expect("qualified");
    assert_eq!(
        (names.lookup_namespace_uri(Some(prefix)), local),
        (Some("http://www.w3.org/2001/XMLSchema"), "string")
    );
    let again =
        directory::FindUsersRequest::read_request(BindingKind::Soap12, &written).expect("reads");
    assert_eq!(again, request);
}
