//! Messages of the commonest shape, written and read here once for every operation that has
//! it: a document/literal SOAP operation whose request and response are each nothing but one
//! element of the Body, with no header, as most operations of a big WSDL are. A generated
//! module says of such a message only which operation it belongs to and which element it is;
//! [`RequestCodec`] and [`ResponseCodec`] give it the same `write_request`, `read_response`
//! (and, for a server, `read_request`, `write_response`) that a message of another shape
//! has of its own.

use super::error::{DecodeError, EncodeError};
use super::payload::{BindingKind, Encoded, OperationInfo, Payload, Replied};
use super::secrets::redacting;
use super::soap;
use super::xml_type::XmlType;

/// An element's name: its namespace and local name.
pub type ElementName = (&'static str, &'static str);

/// A request that is its Body's one element, on the SOAP bindings of its operation.
pub trait SoapRequest: XmlType {
    /// The operation, whose bindings say which SOAP versions carry the message.
    const OPERATION: &'static OperationInfo;
    /// The Body's element: namespace and local name.
    const ELEMENT: ElementName;
    /// The wire names of members that hold credentials, which no error shows the value of.
    const SECRETS: &'static [&'static str] = &[];
}

/// A response that is its Body's one element, on the SOAP bindings of its operation.
pub trait SoapResponse: XmlType {
    /// The operation, whose bindings say which SOAP versions carry the message.
    const OPERATION: &'static OperationInfo;
    /// The Body's element: namespace and local name.
    const ELEMENT: ElementName;
    /// The wire names of members that hold credentials, which no error shows the value of.
    const SECRETS: &'static [&'static str] = &[];
}

/// A request written for a binding, as a client sends it, and read, as a server receives it.
pub trait RequestCodec: Sized {
    /// Writes the request for `binding`, as a client sends it.
    fn write_request(&self, binding: BindingKind) -> Encoded;
    /// Reads a request sent with `binding`, as a server receives it. Its errors never show a
    /// credential's value.
    #[cfg(feature = "server")]
    fn read_request(binding: BindingKind, payload: &Payload) -> super::Decoded<Self>;
}

/// A response written for a binding, as a server sends it, and read, as a client receives it.
pub trait ResponseCodec: Sized {
    /// Writes the response for `binding`, as a server sends it.
    #[cfg(feature = "server")]
    fn write_response(&self, binding: BindingKind) -> Encoded;
    /// Reads a response received with `binding`: the output, or the SOAP fault the service
    /// answered with, or what keeps the body from reading. Its errors never show a
    /// credential's value.
    fn read_response(binding: BindingKind, payload: &Payload) -> Replied<Self>;
}

/// Whether `operation` carries its messages on `binding`, which must be a SOAP one.
fn carries(operation: &OperationInfo, binding: BindingKind) -> bool {
    matches!(binding, BindingKind::Soap11 | BindingKind::Soap12)
        && operation.binding(binding).is_some()
}

impl<T: SoapRequest> RequestCodec for T {
    fn write_request(&self, binding: BindingKind) -> Encoded {
        if !carries(T::OPERATION, binding) {
            return Err(EncodeError::unsupported(T::OPERATION.name, binding));
        }
        let (ns, local) = T::ELEMENT;
        soap::write_body(binding, ns, local, self)
    }

    #[cfg(feature = "server")]
    fn read_request(binding: BindingKind, payload: &Payload) -> super::Decoded<Self> {
        if !carries(T::OPERATION, binding) {
            return Err(DecodeError::unsupported(T::OPERATION.name, binding));
        }
        let (ns, local) = T::ELEMENT;
        redacting(T::SECRETS, || soap::read_body(binding, payload, ns, local))
    }
}

impl<T: SoapResponse> ResponseCodec for T {
    #[cfg(feature = "server")]
    fn write_response(&self, binding: BindingKind) -> Encoded {
        if !carries(T::OPERATION, binding) {
            return Err(EncodeError::unsupported(T::OPERATION.name, binding));
        }
        let (ns, local) = T::ELEMENT;
        soap::write_body(binding, ns, local, self)
    }

    fn read_response(binding: BindingKind, payload: &Payload) -> Replied<Self> {
        if !carries(T::OPERATION, binding) {
            return Err(DecodeError::unsupported(T::OPERATION.name, binding).into());
        }
        let (ns, local) = T::ELEMENT;
        redacting(T::SECRETS, || {
            soap::read_reply_body(binding, payload, ns, local)
        })
    }
}
