//! What every loopback server of the tests stands on: a listener on 127.0.0.1 with an
//! ephemeral port, whose accept loop hands each connection to the server's function on a
//! thread of its own, and which stops when dropped (the loop is woken, sees the flag, and
//! its thread is joined).

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;

/// A listening socket and its accept loop, running until dropped.
pub struct Loopback {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Loopback {
    /// Listens, and hands each connection to `each` with the flag that says the server is
    /// stopping (for a connection that lingers). What `each` holds is dropped when the loop
    /// ends, before the server's drop returns.
    pub fn start(
        mut each: impl FnMut(TcpStream, &Arc<AtomicBool>) + Send + 'static,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stopping = stop.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    each(stream, &stopping);
                }
            }
        });
        Ok(Loopback {
            addr,
            stop,
            thread: Some(thread),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Loopback {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag.
        let _ = TcpStream::connect(self.addr);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Threads that are joined when this is dropped: a server's connections, each on its own.
#[derive(Default)]
pub struct Joined(Vec<JoinHandle<()>>);

impl Joined {
    /// Runs `work` on a thread of its own.
    pub fn spawn(&mut self, work: impl FnOnce() + Send + 'static) {
        self.0.push(std::thread::spawn(work));
    }
}

impl Drop for Joined {
    fn drop(&mut self) {
        for thread in self.0.drain(..) {
            let _ = thread.join();
        }
    }
}
