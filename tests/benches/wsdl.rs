//! The WSDL path, beside a baseline measured in the same run: the bare `roxmltree` parse of
//! the same bytes. For the real xWeb WSDL (3.75 MB, 231 operations) it measures reading and
//! lowering into the model, and the whole path to formatted code; the ratios to the parse,
//! the absolute times and the peak memory (a counting allocator) are printed at the end.
//! Then every WSDL fixture is read and generated, to show how the cost grows with the size:
//! the slope of a least-squares line through time per size, and how far the points stand off
//! it; then services at scale (xWeb, economic, and generated ones of 5 000 and 50 000
//! operations: time, memory, lines per operation); then type hierarchies (wide, deep,
//! cyclic) at growing sizes, by the time per type.
//! `README.md` records the figures of a run.
//!
//! The machine is shared and noisy: besides criterion's estimates, each comparison is also
//! timed in alternating rounds, and the median of the rounds' ratios is reported.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use tests::hierarchies::{self, Hierarchy};
use tests::line_budget::LineBudget;
use tests::measure::{Counting, interleaved_ratio, median_time, mib, peak_of};
use tests::{WsdlFixture, wsdl_fixtures};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn parse(bytes: &[u8]) {
    let text = std::str::from_utf8(bytes).expect("the fixtures are UTF-8");
    let text = text.trim_start_matches('\u{feff}').trim_start();
    drop(black_box(
        roxmltree::Document::parse(text).expect("well-formed"),
    ));
}

fn read(documents: &[(String, Vec<u8>)]) -> codegen::model::Service {
    codegen::read_folder(documents).expect("the fixture reads")
}

fn whole(documents: &[(String, Vec<u8>)]) -> String {
    codegen::module_text(&read(documents)).expect("the fixture generates")
}

fn xweb() -> WsdlFixture {
    wsdl_fixtures()
        .into_iter()
        .find(|f| f.name == "xWeb-2010")
        .expect("the xWeb WSDL is a fixture")
}

fn main() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("criterion");
    let mut criterion = Criterion::default()
        .output_directory(&dir)
        .sample_size(10)
        .configure_from_args();
    let xweb = xweb();
    let documents = xweb.bytes();
    let bytes = documents[0].1.clone();
    {
        let mut group = criterion.benchmark_group("xweb-wsdl");
        group.bench_function("roxmltree parse (baseline)", |b| b.iter(|| parse(&bytes)));
        group.bench_function("read and lower", |b| b.iter(|| black_box(read(&documents))));
        group.bench_function("whole path", |b| b.iter(|| black_box(whole(&documents))));
        group.finish();
    }
    criterion.final_summary();

    let rounds = 9;
    let parse_time = median_time(rounds, || parse(&bytes));
    let read_time = median_time(rounds, || drop(black_box(read(&documents))));
    let whole_time = median_time(rounds, || drop(black_box(whole(&documents))));
    let read_ratio = interleaved_ratio(rounds, || drop(read(&documents)), || parse(&bytes));
    let whole_ratio = interleaved_ratio(rounds, || drop(whole(&documents)), || parse(&bytes));
    let parse_peak = peak_of(|| parse(&bytes));
    let read_peak = peak_of(|| drop(black_box(read(&documents))));
    let whole_peak = peak_of(|| drop(black_box(whole(&documents))));
    let mb = mib;
    println!(
        "\nxWeb-2010.wsdl ({:.2} MB), medians of {rounds} rounds, this run:",
        mb(bytes.len())
    );
    println!(
        "  {:<28} {:>10} {:>10} {:>12}",
        "", "time", "/ parse", "peak memory"
    );
    for (name, time, ratio, peak) in [
        ("roxmltree parse (baseline)", parse_time, 1.0, parse_peak),
        ("read and lower", read_time, read_ratio, read_peak),
        (
            "whole path (with emitting)",
            whole_time,
            whole_ratio,
            whole_peak,
        ),
    ] {
        println!(
            "  {name:<28} {:>8.0} ms {ratio:>9.2}x {:>9.1} MB",
            time.as_secs_f64() * 1000.0,
            mb(peak)
        );
    }

    // How cost grows: every WSDL fixture, read and generated.
    println!("\nevery WSDL fixture, medians of 5 rounds:");
    println!("  {:<20} {:>9} {:>10} {:>10}", "", "size", "read", "whole");
    let mut points = Vec::new();
    for fixture in wsdl_fixtures() {
        let documents = fixture.bytes();
        let size = mb(documents.iter().map(|(_, b)| b.len()).sum());
        let read_time = median_time(5, || drop(black_box(read(&documents))));
        let whole_time = median_time(5, || drop(black_box(whole(&documents))));
        println!(
            "  {:<20} {size:>6.3} MB {:>7.1} ms {:>7.1} ms",
            fixture.name,
            read_time.as_secs_f64() * 1000.0,
            whole_time.as_secs_f64() * 1000.0
        );
        points.push((
            size,
            read_time.as_secs_f64() * 1000.0,
            whole_time.as_secs_f64() * 1000.0,
        ));
    }
    for (what, pick) in [("read", 1usize), ("whole", 2usize)] {
        let xy: Vec<(f64, f64)> = points
            .iter()
            .map(|p| (p.0, if pick == 1 { p.1 } else { p.2 }))
            .collect();
        let (slope, intercept, r2) = least_squares(&xy);
        println!(
            "  {what:<6} {slope:>7.1} ms per MB + {intercept:>5.1} ms, R² {r2:.3} (1 is a straight line)"
        );
    }

    scale(&documents);
    hierarchies();
}

/// Real and generated services at scale: for the real xWeb WSDL, economic's (1 511
/// operations, from the corpus) and WSDLs of 5 000 and 50 000 operations
/// (`tests::many_operations`), the whole path's time and peak memory (and that memory over the
/// document's size), and the generated lines, of which what each operation costs beyond its
/// request and response types.
fn scale(xweb: &[(String, Vec<u8>)]) {
    println!("\nservices at scale, whole path (medians of 3 rounds, 1 for the largest):");
    println!(
        "  {:<12} {:>8} {:>7} {:>9} {:>10} {:>7} {:>10} {:>9} {:>7}",
        "", "size", "ops", "time", "peak", "/ size", "lines", "types", "per op"
    );
    let economic_path = tests::corpus::corpus_dir().join("wsdl/economic.wsdl");
    let economic = vec![(
        "economic.wsdl".to_owned(),
        std::fs::read(&economic_path).expect("the corpus holds economic's WSDL"),
    )];
    let services = [
        ("xWeb-2010", xweb.to_vec(), 3),
        ("economic", economic, 3),
        ("5 000 ops", tests::many_operations::folder(5_000), 3),
        ("50 000 ops", tests::many_operations::folder(50_000), 1),
    ];
    for (name, documents, rounds) in services {
        let size: usize = documents.iter().map(|(_, b)| b.len()).sum();
        let time = median_time(rounds, || drop(black_box(whole(&documents))));
        // The run that measures the peak also gives the code to count.
        let mut text = String::new();
        let peak = peak_of(|| text = whole(&documents));
        let budget = LineBudget::of(&text);
        let operations = read(&documents).operations.len();
        println!(
            "  {name:<12} {:>5.1} MB {operations:>7} {:>7.0} ms {:>7.0} MB {:>6.1}x {:>10} {:>9} {:>7.1}",
            mib(size),
            time.as_secs_f64() * 1000.0,
            mib(peak),
            peak as f64 / size as f64,
            text.lines().count(),
            budget.types,
            budget.operations as f64 / operations.max(1) as f64
        );
    }
}

/// Type hierarchies at growing sizes: the time per type stays flat when the cost is linear
/// in the types (a deep chain is refused past the limit of bases, as is a cycle).
fn hierarchies() {
    println!(
        "
type hierarchies, medians of 5 rounds:"
    );
    println!(
        "  {:<38} {:>8} {:>10} {:>12}",
        "", "types", "time", "µs per type"
    );
    let shapes: [(&str, Hierarchy, usize, &[usize]); 7] = [
        ("wide, one base declared", Hierarchy::Wide, 2_500, &[0]),
        ("wide, one base declared", Hierarchy::Wide, 10_000, &[0]),
        (
            "chain at the limit, two declared",
            Hierarchy::Chain,
            65,
            &[0, 32],
        ),
        (
            "chain past the limit (refused)",
            Hierarchy::Chain,
            10_000,
            &[0],
        ),
        (
            "chain past the limit (refused)",
            Hierarchy::Chain,
            100_000,
            &[0],
        ),
        ("cycle (refused)", Hierarchy::Cycle, 10_000, &[0]),
        ("cycle (refused)", Hierarchy::Cycle, 100_000, &[0]),
    ];
    for (what, shape, n, declared) in shapes {
        let documents = hierarchies::folder(shape, n, declared);
        let time = median_time(5, || {
            if let Ok(service) = codegen::read_folder(&documents) {
                drop(black_box(codegen::module_text(&service)));
            }
        });
        println!(
            "  {what:<38} {n:>8} {:>7.1} ms {:>12.2}",
            time.as_secs_f64() * 1000.0,
            time.as_secs_f64() * 1e6 / n as f64
        );
    }
}

/// The line `y = slope × x + intercept` nearest the points, and R², the share of the
/// spread of `y` it explains.
fn least_squares(points: &[(f64, f64)]) -> (f64, f64, f64) {
    let n = points.len() as f64;
    let mean_x = points.iter().map(|p| p.0).sum::<f64>() / n;
    let mean_y = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxy: f64 = points.iter().map(|p| (p.0 - mean_x) * (p.1 - mean_y)).sum();
    let sxx: f64 = points.iter().map(|p| (p.0 - mean_x).powi(2)).sum();
    let slope = sxy / sxx;
    let intercept = mean_y - slope * mean_x;
    let total: f64 = points.iter().map(|p| (p.1 - mean_y).powi(2)).sum();
    let residual: f64 = points
        .iter()
        .map(|p| (p.1 - (slope * p.0 + intercept)).powi(2))
        .sum();
    (slope, intercept, 1.0 - residual / total)
}
