//! WSDLs of one shape of type hierarchy, as large as asked: deep chains of extensions, wide
//! families derived from one base, cycles. Tests read them for what they must give; the WSDL
//! bench reads them to show that cost grows with the types, not with their square.

/// A hierarchy of complex types `T0` … `T{n-1}`, each with one element of its own.
#[derive(Clone, Copy, Debug)]
pub enum Hierarchy {
    /// `T{i}` extends `T{i-1}`: a chain `n - 1` bases deep.
    Chain,
    /// Every `T{i}` but `T0` extends `T0`.
    Wide,
    /// A chain whose root extends its last type: a cycle through all `n`.
    Cycle,
}

/// The document: the hierarchy, and one operation whose request declares an element of each
/// type in `declared` (by index) and whose response declares none.
pub fn wsdl(shape: Hierarchy, n: usize, declared: &[usize]) -> String {
    let mut types = String::new();
    for i in 0..n {
        let base = match (shape, i) {
            (Hierarchy::Chain | Hierarchy::Cycle, 1..) => Some(i - 1),
            (Hierarchy::Wide, 1..) => Some(0),
            (Hierarchy::Cycle, 0) => Some(n - 1),
            (_, 0) => None,
        };
        let own = format!(
            r#"<xs:sequence><xs:element name="f{i}" type="xs:string" minOccurs="0"/></xs:sequence>"#
        );
        let content = match base {
            Some(base) => format!(
                r#"<xs:complexContent><xs:extension base="tns:T{base}">{own}</xs:extension></xs:complexContent>"#
            ),
            None => own,
        };
        types.push_str(&format!(
            "    <xs:complexType name=\"T{i}\">{content}</xs:complexType>\n"
        ));
    }
    let elements: String = declared
        .iter()
        .map(|i| format!(r#"<xs:element name="v{i}" type="tns:T{i}" minOccurs="0"/>"#))
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:hierarchy" targetNamespace="urn:hierarchy">
  <wsdl:types>
   <xs:schema targetNamespace="urn:hierarchy" elementFormDefault="qualified">
{types}    <xs:element name="Get"><xs:complexType><xs:sequence>{elements}</xs:sequence></xs:complexType></xs:element>
    <xs:element name="GetResponse"><xs:complexType/></xs:element>
   </xs:schema>
  </wsdl:types>
  <wsdl:message name="In"><wsdl:part name="p" element="tns:Get"/></wsdl:message>
  <wsdl:message name="Out"><wsdl:part name="p" element="tns:GetResponse"/></wsdl:message>
  <wsdl:portType name="Port"><wsdl:operation name="Get"><wsdl:input message="tns:In"/><wsdl:output message="tns:Out"/></wsdl:operation></wsdl:portType>
  <wsdl:binding name="Binding" type="tns:Port">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="Get"><soap:operation soapAction="urn:hierarchy/Get"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output></wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="Hierarchy"><wsdl:port name="Port" binding="tns:Binding"><soap:address location="http://example.com/Hierarchy.asmx"/></wsdl:port></wsdl:service>
</wsdl:definitions>
"#
    )
}

/// The document as the one file of a folder, for `codegen::read_folder`.
pub fn folder(shape: Hierarchy, n: usize, declared: &[usize]) -> Vec<(String, Vec<u8>)> {
    vec![(
        "Hierarchy.wsdl".to_owned(),
        wsdl(shape, n, declared).into_bytes(),
    )]
}
