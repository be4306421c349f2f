//! The stand-ins of the four services, on loopback or wherever `--addr` says.
//!
//! ```text
//! cargo run -p tests --bin stand-ins -- --addr 127.0.0.1:8080
//! ```
//!
//! The first line of output is the address bound (port 0 picks a free one).

use std::io::Write;
use std::net::SocketAddr;
use std::process::ExitCode;

use tests::stand_ins::{StandIns, paths};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let addr = match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        [] => "127.0.0.1:0".to_owned(),
        ["--addr", addr] => (*addr).to_owned(),
        _ => {
            eprintln!("usage: stand-ins [--addr HOST:PORT]   (port 0 picks a free one)");
            return ExitCode::from(2);
        }
    };
    let addr: SocketAddr = match addr.parse() {
        Ok(addr) => addr,
        Err(error) => {
            eprintln!("stand-ins: `{addr}` is not an address such as 127.0.0.1:8080: {error}");
            return ExitCode::from(2);
        }
    };
    let stand_ins = match StandIns::start(addr) {
        Ok(stand_ins) => stand_ins,
        Err(error) => {
            eprintln!("stand-ins: cannot listen on {addr}: {error}");
            return ExitCode::FAILURE;
        }
    };
    let base = stand_ins.base_url();
    let guide = format!(
        "{addr}\n\
         Sejour    {base}  (SOAP at {base}{sejour})\n\
         xWeb      {base}  (SOAP at {base}{xweb})\n\
         Cebes     {base}{cebes}\n\
         srv.asmx  {base}\n\
         open a session: POST {base}/stand-in/sessions/{{sejour|xweb|cebes|srv}}\n\
         Ctrl-C stops.\n",
        addr = stand_ins.addr(),
        sejour = paths::SEJOUR,
        xweb = paths::XWEB_SOAP,
        cebes = paths::CEBES_BASE,
    );
    // Whoever reads the address may stop reading after it; the stand-ins serve on regardless.
    let mut stdout = std::io::stdout();
    let _ = stdout
        .write_all(guide.as_bytes())
        .and_then(|()| stdout.flush());
    loop {
        std::thread::park();
    }
}
