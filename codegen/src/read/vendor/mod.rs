//! The readers of vendors' own method pages: each vendor documents its methods in a page of
//! its own making, with the sample messages and the tables of one family of pages.

pub(super) mod srv_method;
pub(super) mod xweb_method;
