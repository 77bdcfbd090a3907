//! The field rules that both the engine (which refuses a request) and the console's browser
//! code (which says what is wrong before anything is sent) apply, written once.
//!
//! Each rule answers *what* is wrong as a small enum, never a message: the engine words its
//! refusals as the cloud APIs do ("Illegal name: …"), the console says what to type, and both
//! keep their words while sharing the rule. The crate has no dependencies so that the wasm
//! build pays only for the checks it calls. Word lists the two sides must agree on (the filter
//! predicates, [`predicate`]) are here for the same reason.

pub mod graph;
pub mod obs;
pub mod predicate;
pub mod viz;
