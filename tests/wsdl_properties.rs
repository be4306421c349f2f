//! Arbitrary values of types generated from the WSDL fixtures, written and read back: strings
//! with markup and from everywhere in Unicode, absent against nil, values of enumerations
//! the WSDL does not list, derived types in their base's slots, choices, simple content,
//! qualified and wildcard attributes, raw XML.

use generated::runtime::xml::XmlAttribute;
use generated::runtime::{
    BindingKind, EncodeProblem, HexBinary, Nillable, Payload, ReadRequest as _, ReadResponse as _,
    WriteRequest as _, WriteResponse as _, XmlContent,
};
use proptest::prelude::*;
use tests::fixtures::wsdl_warehouse as warehouse;
use tests::samples::xml_difference;

/// Strings rich in what escaping must get right.
fn tricky() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[<>&\"' \t\r\n=;/?%+#\\]\\[A-Za-zé中\u{1F600}\u{0}\u{1b}\u{FFFE}\u{FFFF}]{0,16}",
    ]
}

/// Whether XML 1.0 can carry every character of `text`.
fn xml_can_carry(text: &str) -> bool {
    text.chars().all(|c| {
        matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
    })
}

fn nillable<T: std::fmt::Debug + Clone>(
    value: impl Strategy<Value = T>,
) -> impl Strategy<Value = Nillable<T>> {
    prop_oneof![
        Just(Nillable::Absent),
        Just(Nillable::Nil),
        value.prop_map(Nillable::Value),
    ]
}

/// A value of the `Rating` enumeration: one it lists, or one it does not.
fn rating() -> impl Strategy<Value = warehouse::Rating> {
    prop_oneof![
        prop::sample::select(vec!["1", "PG-13", "a-b", "≤12", "ID", "Id", "Self"])
            .prop_map(warehouse::Rating::from_name),
        "[A-Za-z0-9 -]{0,12}".prop_map(|text| warehouse::Rating::from_name(&text)),
    ]
}

fn item(texts: Vec<String>) -> impl Strategy<Value = warehouse::AnyItem> {
    let base = |texts: &[String]| warehouse::Item {
        sku: Some(texts[0].clone()),
        name: None,
        price: None,
        tags: Some(vec![Some(texts[1].clone()), None]),
        added: "2025-01-23T00:09:38Z".parse().expect("a date-time"),
        id: generated::runtime::Guid::nil(),
        grade: 65,
    };
    let item = base(&texts);
    let (book_texts, film_texts) = (texts.clone(), texts);
    prop_oneof![
        Just(warehouse::AnyItem::from(item)),
        (0i32..1000).prop_map(move |pages| {
            let base = base(&book_texts);
            warehouse::AnyItem::from(warehouse::Book {
                sku: base.sku,
                name: Some(book_texts[2].clone()),
                price: None,
                tags: base.tags,
                added: base.added,
                id: base.id,
                grade: base.grade,
                isbn: Some(warehouse::Isbn(book_texts[3].clone())),
                pages,
                details: Some(warehouse::BookDetails { author: None }),
            })
        }),
        rating().prop_map(move |rating| {
            let base = base(&film_texts);
            warehouse::AnyItem::from(warehouse::Film {
                sku: base.sku,
                name: None,
                price: None,
                tags: None,
                added: base.added,
                id: base.id,
                grade: base.grade,
                runtime: "PT1H".to_owned(),
                rating,
                details: None,
            })
        }),
    ]
}

fn shape(label: String) -> impl Strategy<Value = warehouse::AnyShape> {
    let square_label = label.clone();
    prop_oneof![
        (-1e6f64..1e6).prop_map(move |radius| {
            warehouse::Circle {
                label: Some(label.clone()),
                radius,
            }
            .into()
        }),
        (0u32..100_000).prop_map(move |cents| {
            warehouse::Square {
                label: Some(square_label.clone()),
                side: format!("{}.{:02}", cents / 100, cents % 100)
                    .parse()
                    .expect("a decimal"),
            }
            .into()
        }),
    ]
}

fn order() -> impl Strategy<Value = (warehouse::Order, Vec<String>)> {
    (
        proptest::collection::vec(tricky(), 8),
        nillable(tricky()),
        proptest::collection::vec(0u8..2, 0..4),
        any::<bool>(),
        proptest::collection::vec(any::<u8>(), 0..6),
    )
        .prop_flat_map(|(texts, note, choices, with_customer, etag)| {
            let line_texts = texts.clone();
            (
                item(texts.clone()),
                shape(texts[4].clone()),
                Just((texts, note, choices, with_customer, etag)),
            )
                .prop_map(
                    move |(item, shape, (texts, note, choices, with_customer, etag))| {
                        let choice = choices
                            .iter()
                            .map(|c| match c {
                                0 => warehouse::OrderChoice::Card(Box::new(warehouse::Card {
                                    number: Some(line_texts[5].clone()),
                                    security_code: Some(line_texts[6].clone()),
                                })),
                                _ => warehouse::OrderChoice::Voucher(line_texts[7].clone()),
                            })
                            .collect();
                        let order = warehouse::Order {
                            version: 1,
                            etag: Some(HexBinary(etag.clone())),
                            channel: Some(texts[0].clone()),
                            lines: Some(vec![
                                Some(warehouse::OrderLine {
                                    sku: Some(texts[1].clone()),
                                    quantity: warehouse::Quantity("3".to_owned()),
                                    item: Some(item),
                                    shape: Some(shape),
                                }),
                                None,
                            ]),
                            choice,
                            created_by: None,
                            created_at: "2025-01-23T00:09:38Z".parse().expect("a date-time"),
                            note: note.clone(),
                            priority: None,
                            customer: with_customer.then(|| warehouse::Customer {
                                user_id: Some(texts[2].clone()),
                                user_id_2: None,
                                r#type: Some(texts[3].clone()),
                                self_: Some(texts[4].clone()),
                                r#match: false,
                            }),
                        };
                        // Every text the order carries, to know whether XML can carry it.
                        let mut carried: Vec<String> = texts.clone();
                        if let Nillable::Value(note) = &note {
                            carried.push(note.clone());
                        }
                        (order, carried)
                    },
                )
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn orders_of_every_shape_go_there_and_back(
        (order, carried) in order(),
        token in tricky(),
        attribute in tricky(),
        binding in prop::sample::select(vec![BindingKind::Soap11, BindingKind::Soap12]),
    ) {
        let request = warehouse::PlaceOrderRequest {
            session: Some(warehouse::Session {
                any_attributes: vec![XmlAttribute {
                    namespace: "urn:example:trace".to_owned(),
                    name: "trace".to_owned(),
                    value: attribute.clone(),
                }],
                token: Some(token.clone()),
            }),
            order: Some(order),
        };
        let written = request.write_request(binding);
        // Some of the texts may go unused; when every one of them can travel, writing must
        // succeed, and when writing fails, it is for a character XML cannot carry.
        let carriable = carried.iter().chain([&token, &attribute]).all(|t| xml_can_carry(t));
        match written {
            Ok(payload) => {
                let read = warehouse::PlaceOrderRequest::read_request(binding, &payload).unwrap();
                prop_assert_eq!(read, request);
            }
            Err(error) => {
                prop_assert!(!carriable, "{error}");
                prop_assert!(matches!(error.problem, EncodeProblem::InvalidXmlChar { .. }), "{error}");
            }
        }
    }

    #[test]
    fn simple_content_and_enumerations_keep_unknown_values(
        number in tricky(),
        currency in "[A-Z]{3}|[a-z]{0,5}",
        cents in 0u64..10_000_000,
        status in prop_oneof![
            Just(warehouse::OrderStatus::Accepted),
            "[A-Za-z]{0,12}".prop_map(|s| warehouse::OrderStatus::from_name(&s)),
        ],
    ) {
        prop_assume!(xml_can_carry(&number));
        let response = warehouse::PlaceOrderResponse {
            session: None,
            place_order_result: Some(warehouse::OrderReceipt {
                number: Some(number),
                total: Some(warehouse::Money {
                    currency: warehouse::CurrencyCode(currency),
                    rounding: None,
                    value: format!("{}.{:02}", cents / 100, cents % 100).parse().unwrap(),
                }),
                status,
            }),
        };
        for binding in [BindingKind::Soap11, BindingKind::Soap12] {
            let payload = response.write_response(binding).unwrap();
            let read = warehouse::PlaceOrderResponse::read_response(binding, &payload).unwrap();
            prop_assert_eq!(&read, &response);
        }
    }

    #[test]
    fn raw_xml_reads_the_same_however_often_it_travels(text in tricky(), attribute in tricky()) {
        prop_assume!(xml_can_carry(&text) && xml_can_carry(&attribute));
        // `>` too: text may not hold `]]>` as it stands.
        let escape = |t: &str| {
            t.replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
        };
        let content = format!(
            r#"<r xmlns="urn:example:r" a="{}"><x:i xmlns:x="urn:example:x">{}</x:i>{}</r>"#,
            escape(&attribute),
            escape(&text),
            escape(&text),
        );
        let response = warehouse::GetRawXmlResponse {
            get_raw_xml_result: Some(XmlContent(content.clone())),
        };
        let payload = response.write_response(BindingKind::Soap11).unwrap();
        let once = warehouse::GetRawXmlResponse::read_response(BindingKind::Soap11, &payload).unwrap();
        let again = warehouse::GetRawXmlResponse::read_response(
            BindingKind::Soap11,
            &once.write_response(BindingKind::Soap11).unwrap(),
        )
        .unwrap();
        prop_assert_eq!(&again, &once);
        let read = once.get_raw_xml_result.unwrap();
        let wrap = |t: &str| format!("<w>{t}</w>");
        prop_assert_eq!(xml_difference(&wrap(read.as_str()), &wrap(&content)), None);
        // Over HTTP GET the content is the whole document.
        let http = warehouse::GetRawXmlResponse::read_response(
            BindingKind::HttpGet,
            &Payload::body(XmlContent::to_document(&read)),
        )
        .unwrap();
        prop_assert_eq!(
            xml_difference(&wrap(http.get_raw_xml_result.unwrap().as_str()), &wrap(&content)),
            None
        );
    }
}

/// Each name the enumeration lists reads as its own member, whatever their order in the
/// document (the reading searches them sorted), and a name it does not list, one that differs
/// only in case included, is kept as it came.
#[test]
fn listed_names_read_as_their_members() {
    use warehouse::Rating;
    let listed = [
        ("1", Rating::V1),
        ("PG-13", Rating::Pg13),
        ("a-b", Rating::AB),
        ("≤12", Rating::Le12),
        ("ID", Rating::Id),
        ("Id", Rating::Id2),
        ("Self", Rating::Self_),
    ];
    for (name, member) in listed {
        assert_eq!(Rating::from_name(name), member, "{name}");
        assert_eq!(member.as_str(), name);
    }
    for name in ["", "0", "iD", "pg-13", "Self ", "≤13", "zzz"] {
        assert_eq!(Rating::from_name(name), Rating::Other(name.to_owned()));
    }
}
