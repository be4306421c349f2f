//! The passes over a whole service, once its documents are read: joining the documents of one
//! folder, checking that what messages refer to is there, marking credentials, and selecting
//! the operations that `service.toml` asks for.

pub(super) mod join;
pub(super) mod references;
pub(super) mod secrets;
pub(super) mod select;
