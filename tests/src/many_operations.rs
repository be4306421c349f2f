//! WSDLs of as many operations as asked, shaped as ASMX publishes a service: each operation a
//! document/literal wrapper on SOAP 1.1 and 1.2 at one address, its request of three members
//! (one of them a struct that other operations share), its response of one. The WSDL bench
//! reads them to show what a service of 5 000 or 50 000 operations costs, and tests that the
//! code of one builds.

/// The document of `n` operations `Op0` … `Op{n-1}`.
pub fn wsdl(n: usize) -> String {
    let mut elements = String::new();
    let mut messages = String::new();
    let mut port = String::new();
    let mut soap11 = String::new();
    let mut soap12 = String::new();
    for i in 0..n {
        elements.push_str(&format!(
            r#"    <s:element name="Op{i}"><s:complexType><s:sequence><s:element name="id" type="s:int"/><s:element name="name" type="s:string" minOccurs="0"/><s:element name="item" type="tns:Item" minOccurs="0"/></s:sequence></s:complexType></s:element>
    <s:element name="Op{i}Response"><s:complexType><s:sequence><s:element name="Op{i}Result" type="s:int"/></s:sequence></s:complexType></s:element>
"#
        ));
        messages.push_str(&format!(
            r#"  <wsdl:message name="Op{i}SoapIn"><wsdl:part name="parameters" element="tns:Op{i}"/></wsdl:message>
  <wsdl:message name="Op{i}SoapOut"><wsdl:part name="parameters" element="tns:Op{i}Response"/></wsdl:message>
"#
        ));
        port.push_str(&format!(
            r#"    <wsdl:operation name="Op{i}"><wsdl:input message="tns:Op{i}SoapIn"/><wsdl:output message="tns:Op{i}SoapOut"/></wsdl:operation>
"#
        ));
        for (out, prefix) in [(&mut soap11, "soap"), (&mut soap12, "soap12")] {
            out.push_str(&format!(
                r#"    <wsdl:operation name="Op{i}"><{prefix}:operation soapAction="urn:many/Op{i}" style="document"/><wsdl:input><{prefix}:body use="literal"/></wsdl:input><wsdl:output><{prefix}:body use="literal"/></wsdl:output></wsdl:operation>
"#
            ));
        }
    }
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?>
<wsdl:definitions xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:s="http://www.w3.org/2001/XMLSchema" xmlns:tns="urn:many" targetNamespace="urn:many">
  <wsdl:types>
   <s:schema targetNamespace="urn:many" elementFormDefault="qualified">
    <s:complexType name="Item"><s:sequence><s:element name="code" type="s:string" minOccurs="0"/><s:element name="count" type="s:int"/></s:sequence></s:complexType>
{elements}   </s:schema>
  </wsdl:types>
{messages}  <wsdl:portType name="ManySoap">
{port}  </wsdl:portType>
  <wsdl:binding name="ManySoap" type="tns:ManySoap">
    <soap:binding transport="http://schemas.xmlsoap.org/soap/http"/>
{soap11}  </wsdl:binding>
  <wsdl:binding name="ManySoap12" type="tns:ManySoap">
    <soap12:binding transport="http://schemas.xmlsoap.org/soap/http"/>
{soap12}  </wsdl:binding>
  <wsdl:service name="Many">
    <wsdl:port name="ManySoap" binding="tns:ManySoap"><soap:address location="http://example.com/Many.asmx"/></wsdl:port>
    <wsdl:port name="ManySoap12" binding="tns:ManySoap12"><soap12:address location="http://example.com/Many.asmx"/></wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"#
    )
}

/// The document as a folder of one file, as `codegen::read_folder` takes it.
pub fn folder(n: usize) -> Vec<(String, Vec<u8>)> {
    vec![("Many.wsdl".to_owned(), wsdl(n).into_bytes())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_reads_with_both_bindings() {
        let service = codegen::read_folder(&folder(3)).expect("reads");
        assert_eq!(service.operations.len(), 3);
        for (i, op) in service.operations.iter().enumerate() {
            assert_eq!(op.name.value, format!("Op{i}"));
            assert_eq!(op.bindings.len(), 2, "{}", op.name.value);
        }
    }
}
