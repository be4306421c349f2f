//! `cargo xtask regen [--check]`.

use std::process::ExitCode;

use xtask::{Mode, regen, workspace_root};

const USAGE: &str = "usage: cargo xtask regen [--check]

  regen           write generated/ from specs/
  regen --check   write nothing; fail, naming each stale file, if generated/ is not what specs/ produce";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mode = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["regen"] => Mode::Write,
        ["regen", "--check"] => Mode::Check,
        ["--help" | "-h" | "help"] => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match workspace_root().and_then(|root| regen(&root, mode)) {
        Ok(outcome) => {
            match (mode, outcome.changed.is_empty()) {
                (Mode::Check, _) => println!("generated/ is up to date."),
                (Mode::Write, true) => println!("generated/ was already up to date."),
                (Mode::Write, false) => {
                    for file in &outcome.changed {
                        println!("updated {file}");
                    }
                }
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("{error}");
            ExitCode::FAILURE
        }
    }
}
