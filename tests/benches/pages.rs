//! What reading a help page costs, beside a baseline measured in the same run: one pass
//! that splits the same bytes into lines (`str::lines`), the least any page reader does.
//!
//! The pages are the Cebes seed and the large and odd pages of `tests::large_pages` (a
//! 20 000-row member table, a sample that is a binary tree of 32 767 elements each of a
//! shape of its own, a sample nested 2 000 deep, 50 MB of blank lines), and a page of
//! blank lines just within the page limit. Each is read (or refused) through
//! `codegen::read_document`, as regen reads it; the table shows the median time of a few
//! rounds, its ratio to the baseline in alternating rounds, MB/s, and the peak memory as a
//! multiple of the page's size. `README.md` records the figures of a run.

use std::hint::black_box;

use codegen::source::MAX_PAGE_BYTES;
use tests::large_pages::{LargePage, large_pages, seed};
use tests::measure::{Counting, interleaved_ratio, median_time, mib, peak_of};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn read(page: &LargePage) -> bool {
    black_box(codegen::read_document("page.txt", page.text.as_bytes())).is_ok()
}

fn lines(page: &LargePage) {
    black_box(page.text.lines().count());
}

fn main() {
    let seed = seed();
    let mut pages = vec![LargePage {
        name: "the Cebes seed",
        text: seed.clone(),
        reads: true,
    }];
    let blank = MAX_PAGE_BYTES - seed.len() - 1;
    pages.push(LargePage {
        name: "blank lines, within the limit",
        text: seed.replacen(
            "Request Information",
            &format!("{}Request Information", "\n".repeat(blank)),
            1,
        ),
        reads: true,
    });
    pages.extend(large_pages());
    let rounds = 5;
    println!("\nreading pages, medians of {rounds} rounds, this run:");
    println!(
        "  {:<30} {:>10} {:>10} {:>9} {:>8} {:>11}  outcome",
        "", "size", "time", "/ lines", "MB/s", "peak / size"
    );
    for page in &pages {
        let outcome = read(page);
        assert_eq!(outcome, page.reads, "{}", page.name);
        let time = median_time(rounds, || {
            read(page);
        });
        let ratio = interleaved_ratio(
            rounds,
            || {
                read(page);
            },
            || lines(page),
        );
        let peak = peak_of(|| {
            read(page);
        });
        println!(
            "  {:<30} {:>6.2} MiB {:>7.2} ms {:>8.1}x {:>8.0} {:>10.1}x  {}",
            page.name,
            mib(page.text.len()),
            time.as_secs_f64() * 1000.0,
            ratio,
            page.text.len() as f64 / 1e6 / time.as_secs_f64(),
            peak as f64 / page.text.len() as f64,
            if outcome { "read" } else { "refused" },
        );
    }
}
