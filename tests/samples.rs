//! Every page's own samples, driven through the module generated from the page: each sample
//! request read and written back is the sample (as XML, as JSON values, as pairs), and each
//! sample response reads, writes and reads back to the same value. Error samples report
//! their failure.

use codegen::model::{Family, SampleKind};
use generated::runtime::soap_envelope::inline_references;
use generated::runtime::{BindingKind, Limits};
use tests::samples::{binding_of, json_difference, pairs_difference, payload_of, xml_difference};
use tests::{CODECS, all_pages, label, read_page};

#[test]
fn every_sample_of_every_page_goes_through_its_module() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for page in all_pages() {
        let name = label(&page);
        let service = read_page(&page).unwrap_or_else(|d| panic!("{d}"));
        // Help pages generate their samples (`sample string 4` for a status): whether such a
        // response reports failure says nothing. Vendor pages show real responses.
        let real_samples = service
            .sources
            .iter()
            .all(|s| matches!(s.family, Family::XwebMethod | Family::SrvMethod));
        let codec = CODECS
            .iter()
            .find(|c| c.label == name)
            .unwrap_or_else(|| panic!("{name} has no module"));
        for op in &service.operations {
            let operation = op.name.value.as_str();
            for sample in &op.samples {
                let Some(binding) = binding_of(op, sample.binding) else {
                    continue;
                };
                let payload = payload_of(&service, op, sample, binding);
                let at = format!(
                    "{name}:{} ({operation}, {binding}, {:?})",
                    sample.pos, sample.kind
                );
                checked += 1;
                match sample.kind {
                    SampleKind::Request => match (codec.request)(operation, binding, &payload) {
                        Err(error) => failures.push(format!("{at}: does not read: {error}")),
                        Ok(written) => {
                            let difference = match binding {
                                BindingKind::HttpGet | BindingKind::JsonGet => pairs_difference(
                                    written.query.as_deref().unwrap_or(""),
                                    payload.query.as_deref().unwrap_or(""),
                                ),
                                BindingKind::HttpPost => {
                                    pairs_difference(&written.body, &payload.body)
                                }
                                BindingKind::JsonPost | BindingKind::WebApiJson => {
                                    json_difference(&written.body, &payload.body)
                                }
                                // A SOAP-encoded page writes each value of a class apart,
                                // referred to by `href`; the generated writer writes it in
                                // place, which .NET reads alike: compare them in place.
                                _ => match inline_references(&payload.body, &Limits::default()) {
                                    Ok(expected) => xml_difference(&written.body, &expected),
                                    Err(error) => Some(format!("the sample: {error}")),
                                },
                            };
                            if let Some(difference) = difference {
                                failures
                                    .push(format!("{at}: writes {difference}\n{}", written.body));
                            }
                            if written.path != payload.path {
                                failures.push(format!("{at}: path parameters {:?}", written.path));
                            }
                        }
                    },
                    SampleKind::Response | SampleKind::ErrorResponse => {
                        match (codec.response)(operation, binding, &payload) {
                            Err(error) => failures.push(format!("{at}: does not read: {error}")),
                            Ok(check) => {
                                if !check.read_back_equal {
                                    failures.push(format!(
                                        "{at}: reads back differently from {}",
                                        check.value
                                    ));
                                }
                                let failed = check.failure.is_some();
                                let error_sample = sample.kind == SampleKind::ErrorResponse;
                                if (error_sample || real_samples) && failed != error_sample {
                                    failures.push(format!(
                                        "{at}: reports failure {:?} for {}",
                                        check.failure, check.value
                                    ));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} samples fail:\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(checked > 40, "only {checked} samples were checked");
}
