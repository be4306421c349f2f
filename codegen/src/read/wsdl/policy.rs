//! The WS-Policy of a WSDL binding, as WCF publishes it: a `wsp:Policy` beside the bindings,
//! named by `wsu:Id` and referenced from the binding by `wsp:PolicyReference` (or inline in
//! the binding, or named in its `wsp:PolicyURIs`), in WS-Policy 1.2 or 1.5. Of a choice of
//! alternatives (`wsp:ExactlyOne`), the first that the generated code can follow is taken.
//! What it reads: WS-Addressing (`wsaw:UsingAddressing`, `wsam:Addressing`, the 2004/08
//! `wsap:UsingAddressing`), HTTPS (`sp:TransportBinding`), a UsernameToken as a supporting
//! token, and the HTTP authentication schemes; what the generated code cannot do (NTLM,
//! Kerberos, message-level security, binary encoding, MTOM, reliable messaging) is named for
//! the module's documentation.

use std::collections::HashMap;

use roxmltree::Node;

use super::At;
use super::xml_document::{XmlDocument, children, is};
use crate::diagnostic::{Diagnostics, Problem};
use crate::model::{AddressingVersion, Fact, Policy};

const WSP12: &str = "http://schemas.xmlsoap.org/ws/2004/09/policy";
const WSP15: &str = "http://www.w3.org/ns/ws-policy";
const WSU: &str =
    "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
/// WS-Addressing's WSDL binding (`wsaw`), whose `UsingAddressing` means 1.0.
pub(super) const WSAW: &str = "http://www.w3.org/2006/05/addressing/wsdl";
/// WS-Addressing's metadata (`wsam`): `Addressing`, and the `Action` of port type messages.
pub(super) const WSAM: &str = "http://www.w3.org/2007/05/addressing/metadata";
/// The 2004/08 submission's policy namespace (`wsap`).
const WSAP: &str = "http://schemas.xmlsoap.org/ws/2004/08/addressing/policy";
const SP11: &str = "http://schemas.xmlsoap.org/ws/2005/07/securitypolicy";
const SP12: &str = "http://docs.oasis-open.org/ws-sx/ws-securitypolicy/200702";
const HTTP_AUTH: &str = "http://schemas.microsoft.com/ws/06/2004/policy/http";

/// How deep references may lead from one policy to the next before the reader gives up.
const MAX_REFERENCE_DEPTH: usize = 32;

/// How many assertions the reader gathers, over all the bindings of a document, before it
/// refuses to gather more: references make a policy of policies, and a document of
/// policies that each refer to the one before many times would otherwise multiply them.
pub(super) const MAX_POLICY_ASSERTIONS: usize = 100_000;

/// What one assertion asks, read.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Asks {
    Addressing(AddressingVersion),
    Https {
        timestamp: bool,
        client_certificate: bool,
    },
    UsernameToken,
    BasicAuth,
    /// Something the generated code cannot do, described.
    Unsupported(String),
    /// A marker that asks nothing of a message (`sp:Wss10`, `sp:Trust10`).
    Nothing,
}

/// An assertion where it stands.
type Assertion<'a, 's> = (Asks, At<'a, 's>);

/// The policies of the documents by their id, and what each asks once read.
pub(super) struct Policies<'a, 's> {
    by_id: HashMap<&'a str, At<'a, 's>>,
    read: HashMap<&'a str, Vec<Assertion<'a, 's>>>,
    /// The policies being read, innermost last: one of them again is a cycle.
    reading: Vec<&'a str>,
    /// How many more assertions may be gathered ([`MAX_POLICY_ASSERTIONS`]).
    budget: usize,
}

fn is_policy(node: Node<'_, '_>) -> bool {
    is(node, WSP12, "Policy") || is(node, WSP15, "Policy")
}

fn is_wsp(node: Node<'_, '_>, local: &str) -> bool {
    is(node, WSP12, local) || is(node, WSP15, local)
}

/// Whether an assertion is marked optional (`wsp:Optional="true"`): an alternative without it
/// is as good, and the generated code takes that one.
fn optional(node: Node<'_, '_>) -> bool {
    [WSP12, WSP15].iter().any(|ns| {
        matches!(
            node.attribute((*ns, "Optional")).map(str::trim),
            Some("true" | "1")
        )
    })
}

impl<'a, 's> Policies<'a, 's> {
    /// Indexes the policies the documents declare at their top level, by `wsu:Id`, `Id` or
    /// (WS-Policy 1.5) `Name`.
    pub(super) fn collect(docs: &'a [XmlDocument<'s>]) -> Self {
        let mut by_id = HashMap::new();
        for doc in docs {
            for node in children(doc.doc.root_element()).filter(|n| is_policy(*n)) {
                let id = node
                    .attribute((WSU, "Id"))
                    .or_else(|| node.attribute("Id"))
                    .or_else(|| node.attribute("Name"));
                if let Some(id) = id {
                    by_id.entry(id).or_insert((doc, node));
                }
            }
        }
        Policies {
            by_id,
            read: HashMap::new(),
            reading: Vec::new(),
            budget: MAX_POLICY_ASSERTIONS,
        }
    }

    /// The policy of a binding (`node` in `doc`), if it states one: `None` when it has none.
    pub(super) fn of_binding(
        &mut self,
        doc: &'a XmlDocument<'s>,
        node: Node<'a, 's>,
        diagnostics: &mut Diagnostics,
    ) -> Option<Policy> {
        let mut assertions = Vec::new();
        let mut stated = false;
        for child in children(node) {
            if is_policy(child) || is_wsp(child, "PolicyReference") {
                stated = true;
                assertions.extend(self.alternative(doc, child, 0, diagnostics));
            } else if is(child, WSAW, "UsingAddressing") {
                // The WSDL binding of WS-Addressing states it without a policy too.
                stated = true;
                assertions.push((Asks::Addressing(AddressingVersion::W3c), (doc, child)));
            }
        }
        for ns in [WSP12, WSP15] {
            if let Some(uris) = node.attribute((ns, "PolicyURIs")) {
                stated = true;
                for uri in uris.split_whitespace() {
                    assertions.extend(self.referenced(doc, node, uri, 0, diagnostics));
                }
            }
        }
        if !stated {
            return None;
        }
        let mut policy = Policy {
            binding: node.attribute("name").unwrap_or("").to_owned(),
            ..Policy::default()
        };
        let mut seen = std::collections::HashSet::new();
        for (asks, (doc, node)) in assertions {
            if !seen.insert(asks.clone()) {
                continue;
            }
            let pos = doc.pos(node);
            match asks {
                Asks::Addressing(version) => {
                    policy.addressing.get_or_insert(Fact::stated(version, pos));
                }
                Asks::Https {
                    timestamp,
                    client_certificate,
                } => {
                    policy.https.get_or_insert(pos);
                    if timestamp {
                        policy.timestamp.get_or_insert(pos);
                    }
                    if client_certificate {
                        policy.client_certificate.get_or_insert(pos);
                    }
                }
                Asks::UsernameToken => {
                    policy.username_token.get_or_insert(pos);
                }
                Asks::BasicAuth => {
                    policy.basic_auth.get_or_insert(pos);
                }
                Asks::Unsupported(what) => policy.unsupported.push(Fact::stated(what, pos)),
                Asks::Nothing => {}
            }
        }
        Some(policy)
    }

    /// The assertions of one alternative of `node` (a policy, a reference, an `All` or an
    /// `ExactlyOne`): the union of what an `All` holds, and of an `ExactlyOne` its first
    /// alternative that asks nothing the generated code cannot do (else its first).
    fn alternative(
        &mut self,
        doc: &'a XmlDocument<'s>,
        node: Node<'a, 's>,
        depth: usize,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Assertion<'a, 's>> {
        if is_wsp(node, "PolicyReference") {
            let uri = node.attribute("URI").unwrap_or("");
            return self.referenced(doc, node, uri, depth, diagnostics);
        }
        if is_wsp(node, "ExactlyOne") {
            let mut first = None;
            for choice in children(node) {
                let assertions = self.alternative(doc, choice, depth, diagnostics);
                if assertions
                    .iter()
                    .all(|(asks, _)| !matches!(asks, Asks::Unsupported(_)))
                {
                    return assertions;
                }
                first.get_or_insert(assertions);
            }
            return first.unwrap_or_default();
        }
        if is_policy(node) || is_wsp(node, "All") {
            // Each thing asked once: what two references ask alike is asked once.
            let mut union: Vec<Assertion<'a, 's>> = Vec::new();
            let mut seen = std::collections::HashSet::new();
            for child in children(node) {
                for assertion in self.alternative(doc, child, depth, diagnostics) {
                    if seen.insert(assertion.0.clone()) {
                        union.push(assertion);
                    }
                }
            }
            return union;
        }
        if optional(node) {
            return Vec::new();
        }
        vec![(assertion(node), (doc, node))]
    }

    /// The assertions of the policy `uri` names (`#id`, in these documents), read once.
    fn referenced(
        &mut self,
        doc: &'a XmlDocument<'s>,
        node: Node<'a, 's>,
        uri: &str,
        depth: usize,
        diagnostics: &mut Diagnostics,
    ) -> Vec<Assertion<'a, 's>> {
        let Some(id) = uri.trim().strip_prefix('#') else {
            let what = format!(
                "the policy at {}, which stands in another document and was not read",
                uri.trim()
            );
            return vec![(Asks::Unsupported(what), (doc, node))];
        };
        let Some((&key, &(policy_doc, policy))) = self.by_id.get_key_value(id) else {
            diagnostics.push(doc.error_at(
                node,
                "URI",
                Problem::Unresolved {
                    kind: "policy",
                    name: id.to_owned(),
                },
            ));
            return Vec::new();
        };
        if let Some(read) = self.read.get(key) {
            if read.len() > self.budget {
                if self.budget > 0 {
                    self.budget = 0;
                    diagnostics.push(doc.error_at(
                        node,
                        "URI",
                        Problem::TooLarge {
                            what: "the WS-Policy assertions the bindings gather".into(),
                            limit: format!("{MAX_POLICY_ASSERTIONS} (`MAX_POLICY_ASSERTIONS`)"),
                        },
                    ));
                }
                return Vec::new();
            }
            self.budget -= read.len();
            return read.clone();
        }
        let cycle = if self.reading.contains(&key) {
            Some(format!("the policy {id} refers to itself"))
        } else {
            (depth >= MAX_REFERENCE_DEPTH).then(|| {
                format!(
                    "the policy {id} is more than {MAX_REFERENCE_DEPTH} references deep, \
                     further than the reader follows"
                )
            })
        };
        if let Some(what) = cycle {
            diagnostics.push(doc.error_at(node, "URI", Problem::Cycle { what }));
            return Vec::new();
        }
        self.reading.push(key);
        let read = self.alternative(policy_doc, policy, depth + 1, diagnostics);
        self.reading.pop();
        self.read.insert(key, read.clone());
        read
    }
}

/// What one assertion asks.
fn assertion(node: Node<'_, '_>) -> Asks {
    let name = node.tag_name();
    let (ns, local) = (name.namespace().unwrap_or(""), name.name());
    let nested = |local: &str| {
        descendants_in_policy(node)
            .into_iter()
            .any(|n| n.tag_name().name() == local)
    };
    match (ns, local) {
        (WSAW, "UsingAddressing") | (WSAM, "Addressing") => {
            if nested("NonAnonymousResponses") && !nested("AnonymousResponses") {
                Asks::Unsupported(
                    "WS-Addressing replies sent to an address of their own (wsam:NonAnonymousResponses)"
                        .to_owned(),
                )
            } else {
                Asks::Addressing(AddressingVersion::W3c)
            }
        }
        (WSAP, "UsingAddressing") => Asks::Addressing(AddressingVersion::Submission),
        (SP11 | SP12, "TransportBinding") => {
            if nested("HttpsToken") || !nested("TransportToken") {
                let client_certificate = descendants_in_policy(node).into_iter().any(|n| {
                    n.tag_name().name() == "RequireClientCertificate"
                        || n.attribute("RequireClientCertificate") == Some("true")
                });
                Asks::Https {
                    timestamp: nested("IncludeTimestamp"),
                    client_certificate,
                }
            } else {
                Asks::Unsupported(
                    "transport security other than HTTPS (sp:TransportBinding)".to_owned(),
                )
            }
        }
        (
            SP11 | SP12,
            "SupportingTokens"
            | "SignedSupportingTokens"
            | "EncryptedSupportingTokens"
            | "SignedEncryptedSupportingTokens",
        ) => {
            let tokens: Vec<&str> = descendants_in_policy(node)
                .into_iter()
                .filter(|n| n.tag_name().name().ends_with("Token"))
                .map(|n| n.tag_name().name())
                .filter(|name| *name != "UsernameToken")
                .collect();
            match tokens.first() {
                None if nested("UsernameToken") => Asks::UsernameToken,
                None => Asks::Nothing,
                Some(token) => Asks::Unsupported(format!(
                    "a supporting token other than a UsernameToken (sp:{token})"
                )),
            }
        }
        (SP11 | SP12, "SymmetricBinding" | "AsymmetricBinding") => Asks::Unsupported(format!(
            "message-level security (sp:{local}): signed and encrypted messages"
        )),
        (SP11 | SP12, "EndorsingSupportingTokens" | "SignedEndorsingSupportingTokens") => {
            Asks::Unsupported(format!("a token that signs the message (sp:{local})"))
        }
        (SP11 | SP12, "Wss10" | "Wss11" | "Trust10" | "Trust13") => Asks::Nothing,
        (HTTP_AUTH, "BasicAuthentication") => Asks::BasicAuth,
        (HTTP_AUTH, "NtlmAuthentication") => {
            Asks::Unsupported("NTLM authentication (http:NtlmAuthentication)".to_owned())
        }
        (HTTP_AUTH, "NegotiateAuthentication") => Asks::Unsupported(
            "Kerberos or NTLM by Negotiate (http:NegotiateAuthentication)".to_owned(),
        ),
        (HTTP_AUTH, "DigestAuthentication") => {
            Asks::Unsupported("HTTP Digest authentication (http:DigestAuthentication)".to_owned())
        }
        ("http://schemas.microsoft.com/ws/06/2004/mspolicy/netbinary1", "BinaryEncoding") => {
            Asks::Unsupported("WCF's binary message encoding (msb:BinaryEncoding)".to_owned())
        }
        ("http://schemas.xmlsoap.org/ws/2004/09/policy/optimizedmimeserialization", _) => {
            Asks::Unsupported("MTOM (wsoma:OptimizedMimeSerialization)".to_owned())
        }
        (
            "http://schemas.xmlsoap.org/ws/2005/02/rm/policy"
            | "http://docs.oasis-open.org/ws-rx/wsrmp/200702",
            _,
        ) => Asks::Unsupported("WS-ReliableMessaging (wsrm:RMAssertion)".to_owned()),
        // WCF's framing assertions go with transports other than HTTP, left out anyway.
        ("http://schemas.microsoft.com/ws/2006/05/framing/policy", _) => Asks::Nothing,
        _ => Asks::Unsupported(format!(
            "the assertion {{{ns}}}{local}, unknown to the generator"
        )),
    }
}

/// The elements within an assertion's nested policy, at any depth: an assertion's parameters.
fn descendants_in_policy<'a, 's>(node: Node<'a, 's>) -> Vec<Node<'a, 's>> {
    node.descendants()
        .skip(1)
        .filter(|n| n.is_element())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::MAX_POLICY_ASSERTIONS;

    const FIXTURE: &str = include_str!("../../../../tests/fixtures/wsdl/wcf-wshttp.wsdl");

    /// The fixture, its WSHttpBinding's policy one that refers to a chain of `chain`
    /// policies, each of which refers to the one before `width` times; the first asks three
    /// things the generator does not know.
    fn chained(chain: usize, width: usize) -> String {
        let mut policies = String::from(
            r#"<wsp:Policy wsu:Id="P0"><x:One xmlns:x="urn:x"/><x:Two xmlns:x="urn:x"/><x:Three xmlns:x="urn:x"/></wsp:Policy>"#,
        );
        for i in 1..=chain {
            policies.push_str(&format!(r#"<wsp:Policy wsu:Id="P{i}">"#));
            for _ in 0..width {
                policies.push_str(&format!(r##"<wsp:PolicyReference URI="#P{}"/>"##, i - 1));
            }
            policies.push_str("</wsp:Policy>");
        }
        let head = format!(r##"<wsaw:UsingAddressing/><wsp:PolicyReference URI="#P{chain}"/>"##);
        FIXTURE
            .replacen("<wsaw:UsingAddressing/>", &head, 1)
            .replacen("<wsdl:types>", &format!("{policies}<wsdl:types>"), 1)
    }

    #[test]
    fn references_that_multiply_are_gathered_once_or_refused_at_the_limit() {
        // Ten policies, each referring to the one before ten times: ten billion assertions
        // were they copied, three once each is gathered once.
        let wsdl = chained(10, 10);
        let service = crate::read_document("chained.wsdl", wsdl.as_bytes()).unwrap();
        let policy = service
            .operations
            .iter()
            .flat_map(|op| &op.bindings)
            .filter_map(|binding| match binding {
                crate::model::Binding::Soap(soap) => soap.policy.as_deref(),
                _ => None,
            })
            .find(|policy| policy.addressing.is_some())
            .expect("the addressed binding's policy");
        assert_eq!(policy.unsupported.len(), 3, "{:?}", policy.unsupported);
        // Past the limit, refused naming it.
        let wsdl = chained(30, 2000);
        let refused = crate::read_document("chained.wsdl", wsdl.as_bytes()).unwrap_err();
        let shown = refused.to_string();
        assert!(shown.contains("MAX_POLICY_ASSERTIONS"), "{shown}");
        assert!(
            shown.contains(&MAX_POLICY_ASSERTIONS.to_string()),
            "{shown}"
        );
    }
}
