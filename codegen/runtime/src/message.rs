//! How messages are written and read: the codec traits every message type of a generated
//! module has ([`WriteRequest`] and [`ReadResponse`] for a client, [`ReadRequest`] and
//! [`WriteResponse`] for a server), and their implementation, once, for the commonest shape:
//! a document/literal SOAP operation whose request and response are each nothing but one
//! element of the Body, with no header, as most operations of a big WSDL are. A generated
//! module says of such a message only which operation it belongs to and which element it is
//! ([`SoapRequest`], [`SoapResponse`]); it implements the traits itself for a message of
//! another shape. [`Inbound`] reads a message as a variant of the module's `Request` and
//! `Response` enums.

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
    /// The Body's element: namespace and local name. By default the element the operation's
    /// row names; an operation whose row names none does not compile without it.
    const ELEMENT: ElementName = match Self::OPERATION.element {
        Some(element) => element,
        None => {
            panic!("a SoapRequest of an operation whose row names no element states its ELEMENT")
        }
    };
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

/// A request written for a binding, as a client sends it. Every request type of a generated
/// module has it, whatever its shape.
pub trait WriteRequest {
    /// Writes the request for `binding`, as a client sends it.
    fn write_request(&self, binding: BindingKind) -> Encoded;
}

/// A response read from what a binding carries, as a client receives it.
pub trait ReadResponse: Sized {
    /// Reads a response received with `binding`: the output, or the SOAP fault the service
    /// answered with, or what keeps the body from reading. Its errors never show a
    /// credential's value.
    fn read_response(binding: BindingKind, payload: &Payload) -> Replied<Self>;
}

/// A request read from what a binding carries, as a server receives it. A generated module
/// implements it with its `server` feature; the trait is here whatever the runtime's features,
/// so that the two crates' features need not agree.
pub trait ReadRequest: Sized {
    /// Reads a request sent with `binding`. Its errors never show a credential's value.
    fn read_request(binding: BindingKind, payload: &Payload) -> super::Decoded<Self>;
}

/// A response written for a binding, as a server sends it; implemented, like [`ReadRequest`],
/// with a generated module's `server` feature.
pub trait WriteResponse {
    /// Writes the response for `binding`.
    fn write_response(&self, binding: BindingKind) -> Encoded;
}

/// A message received with a binding, to be read as a variant of a module's `Request` or
/// `Response` enum: their `read` matches the operation's name to the variant, one short arm
/// each (`"LogOut" => inbound.request(Self::LogOut)`).
#[derive(Clone, Copy, Debug)]
pub struct Inbound<'a> {
    /// The binding the message came by.
    pub binding: BindingKind,
    /// What it carried.
    pub payload: &'a Payload,
}

impl Inbound<'_> {
    /// The message read as the request of one operation, made a variant of the enum by
    /// `variant`.
    pub fn request<T: ReadRequest, E>(self, variant: fn(Box<T>) -> E) -> super::Decoded<E> {
        T::read_request(self.binding, self.payload).map(|message| variant(Box::new(message)))
    }

    /// The message read as the response of one operation, made a variant of the enum by
    /// `variant`.
    pub fn response<T: ReadResponse, E>(self, variant: fn(Box<T>) -> E) -> Replied<E> {
        T::read_response(self.binding, self.payload).map(|message| variant(Box::new(message)))
    }
}

/// Whether `operation` carries its messages on `binding`, which must be a SOAP one.
fn carries(operation: &OperationInfo, binding: BindingKind) -> bool {
    matches!(binding, BindingKind::Soap11 | BindingKind::Soap12)
        && operation.binding(binding).is_some()
}

impl<T: SoapRequest> WriteRequest for T {
    fn write_request(&self, binding: BindingKind) -> Encoded {
        if !carries(T::OPERATION, binding) {
            return Err(EncodeError::unsupported(T::OPERATION.name, binding));
        }
        let (ns, local) = T::ELEMENT;
        soap::write_body(binding, ns, local, self)
    }
}

#[cfg(feature = "server")]
impl<T: SoapRequest> ReadRequest for T {
    fn read_request(binding: BindingKind, payload: &Payload) -> super::Decoded<Self> {
        if !carries(T::OPERATION, binding) {
            return Err(DecodeError::unsupported(T::OPERATION.name, binding));
        }
        let (ns, local) = T::ELEMENT;
        redacting(T::SECRETS, || soap::read_body(binding, payload, ns, local))
    }
}

#[cfg(feature = "server")]
impl<T: SoapResponse> WriteResponse for T {
    fn write_response(&self, binding: BindingKind) -> Encoded {
        if !carries(T::OPERATION, binding) {
            return Err(EncodeError::unsupported(T::OPERATION.name, binding));
        }
        let (ns, local) = T::ELEMENT;
        soap::write_body(binding, ns, local, self)
    }
}

impl<T: SoapResponse> ReadResponse for T {
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
