//! How a test's call travels: through the blocking transport or the async one, so that each
//! case runs with both.

use std::time::Duration;

use generated::runtime::{AsyncTransport, BlockingTransport};

/// A transport, with what it needs to run.
pub enum Via {
    /// The blocking transport.
    Blocking(BlockingTransport),
    /// The async transport, with a runtime to block on.
    Async(AsyncTransport, tokio::runtime::Runtime),
}

impl Via {
    /// Both transports, with `timeout`.
    pub fn both(timeout: Duration) -> [Via; 2] {
        [
            Via::Blocking(BlockingTransport::new(timeout)),
            Via::Async(AsyncTransport::new(timeout).unwrap(), runtime()),
        ]
    }

    /// Both transports, made by the test.
    pub fn of(blocking: BlockingTransport, asynchronous: AsyncTransport) -> [Via; 2] {
        [Via::Blocking(blocking), Via::Async(asynchronous, runtime())]
    }

    /// `blocking` or `async`.
    pub fn name(&self) -> &'static str {
        match self {
            Via::Blocking(_) => "blocking",
            Via::Async(..) => "async",
        }
    }
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// Calls `$operation` (a type of the service's `op`) through a [`Via`]: the client's
/// `call_blocking` or its async `call`.
#[macro_export]
macro_rules! call {
    ($via:expr, $client:expr, $operation:expr, $request:expr) => {
        match $via {
            $crate::via::Via::Blocking(transport) => {
                $client.call_blocking(transport, $operation, $request)
            }
            $crate::via::Via::Async(transport, runtime) => {
                runtime.block_on($client.call(transport, $operation, $request))
            }
        }
    };
}
