//! The support code every crate the generator makes depends on: value types that keep whole
//! what the wire says; the writing and reading of XML, SOAP envelopes, JSON, queries and
//! forms as legacy .NET services speak them; the sans-IO core of the clients, which keeps
//! credentials out of errors and `Debug`; and, behind the `blocking` and `async` features,
//! transports.
//!
//! A generated crate depends on this one and names it `runtime` (`pub use codegen_runtime
//! as runtime;`), so that services of several generated crates share one `SoapFault`, one
//! `Guid` and one connection pool. A crate generated with the runtime copied in instead holds
//! these same files as its `runtime` module.

#![deny(missing_docs)]

mod client;
mod datetime;
mod decimal;
mod error;
mod error_code;
mod json;
mod key_value;
mod limits;
mod message;
mod multi_ref;
mod nillable;
mod pairs;
mod payload;
#[cfg(any(feature = "blocking", feature = "async"))]
mod proxy;
mod request_headers;
mod secrets;
#[cfg(feature = "server")]
pub mod server;
mod soap;
#[cfg(feature = "axum")]
mod stand_in;
mod text;
#[cfg(any(feature = "blocking", feature = "async"))]
mod tls;
mod transport;
pub mod wsa;
pub mod wsse;
mod xml_content;
mod xml_read;
mod xml_type;
mod xml_write;

pub use client::{
    BaseUrl, CallError, ClientRequest, Cookies, base_url, cookie_safe, http_request,
    response_payload, response_value, xml_declared_encoding,
};
pub use datetime::{DateTime, DateTimeError, Offset};
pub use decimal::{Decimal, DecimalError};
pub use error::{
    DecodeError, DecodeProblem, EncodeError, EncodeProblem, ResponseError, excerpt, push_shown,
    shown,
};
pub use error_code::{bracketed_code, bracketed_code_at};
pub use key_value::{ARRAYS_NAMESPACE, KeyValue};
pub use limits::{Limit, Limits};
pub use message::{
    ElementName, Inbound, ReadRequest, ReadResponse, SoapRequest, SoapResponse, WriteRequest,
    WriteResponse,
};
pub use nillable::Nillable;
pub use payload::{
    BindingInfo, BindingKind, Decoded, Encoded, OperationInfo, Payload, Policy, Replied,
    read_empty_body,
};
#[cfg(any(feature = "blocking", feature = "async"))]
pub use proxy::Proxies;
pub use request_headers::{CredentialHeaders, RequestHeaders};
pub use secrets::{REDACTED, Redact, Redacted, Secrets, redact_url, redacted, redacting};
pub use soap::{FaultCode, SoapFault, SoapVersion};
pub use text::{HexBinary, XmlText, list_from_text, list_to_text};
#[cfg(any(feature = "blocking", feature = "async"))]
pub use tls::Tls;
#[cfg(feature = "async")]
pub use transport::AsyncTransport;
#[cfg(feature = "blocking")]
pub use transport::BlockingTransport;
pub use transport::{
    DEFAULT_BODY_LIMIT, LONGEST_TIMEOUT, RedirectRefusal, Redirects, TransportError, next_hop,
};
pub use xml_content::{AnyType, XmlContent};

/// The `http` crate, whose requests and responses clients build and read.
pub use http;

/// A .NET `Guid`: the `uuid` crate's type, written in .NET's lowercase hyphenated form.
pub type Guid = uuid::Uuid;

/// XML: the writer, reading helpers, and the trait of values that are element content.
pub mod xml {
    pub use super::xml_read::{
        bad_value, child, each_child, elements, inner_xml, is, is_nil, missing, name,
        nillable_child, once, once_nillable, parse, path, read_each, read_nillable, read_once,
        required, required_child, root, text_of, unexpected,
    };
    pub use super::xml_type::{
        XmlAttribute, XmlType, other_attributes, read_array, read_attribute, read_nillable_array,
        read_soap_array, unknown_type, wrap_content, write_attributes, xsi_type,
    };
    pub use super::xml_write::{Open, XSD, XSI, XmlWriter};
    pub use roxmltree::{Document, Node};
}

/// SOAP envelopes and faults.
pub mod soap_envelope {
    pub use super::multi_ref::{
        SOAP11_ENCODING, SOAP12_ENCODING, inline_references, reference_id, value_id,
    };
    pub use super::soap::{
        Envelope, SoapWriter, envelope, read_body, read_carried, read_empty_reply, read_fault,
        read_message, read_reply, read_reply_body, write_body, write_encoded_message, write_fault,
        write_message,
    };
}

/// JSON as Json.NET writes it.
pub mod json_value {
    pub use super::json::{
        JsonPath, JsonType, array, bad_json, get, list, list_member, nillable, object, optional,
        parse, put, put_list, put_nillable, put_optional, put_or_null, required, to_array,
    };
    pub use super::key_value::{pairs, to_object};
    pub use serde_json::{Map, Value};
}

/// Query strings and forms.
pub mod pair {
    pub use super::pairs::{Pairs, PairsWriter};
}
