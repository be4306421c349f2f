//! The JSON reader within tight limits: no panic, and a value it accepts is within every
//! limit.
#![no_main]

use codegen_runtime::json_value::Value;
use codegen_runtime::{Limits, Payload};
use libfuzzer_sys::fuzz_target;

const LIMITS: Limits = Limits {
    body: 64 * 1024,
    depth: 6,
    attributes: 4,
    namespaces: 4,
    string: 32,
};

/// Checks `value`, `depth` levels of arrays and objects deep, against the limits.
fn within(value: &Value, depth: usize) {
    match value {
        Value::String(text) => assert!(text.len() <= LIMITS.string),
        Value::Array(items) => {
            assert!(depth < LIMITS.depth, "nested deeper than the limit");
            items.iter().for_each(|item| within(item, depth + 1));
        }
        Value::Object(members) => {
            assert!(depth < LIMITS.depth, "nested deeper than the limit");
            for (name, member) in members {
                assert!(name.len() <= LIMITS.string);
                within(member, depth + 1);
            }
        }
        Value::Null | Value::Bool(_) | Value::Number(_) => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(value) = Payload::body(text.to_owned()).with_limits(LIMITS).json() {
        within(&value, 0);
    }
});
