//! The export job kinds: a job's result ([`result`]) or a whole graph ([`graph`]) written as
//! CSV to an OBS location (see [`crate::obs`] for locations and credentials), and the
//! console's dump of a result ([`dump`]).

pub(crate) mod dump;
pub mod graph;
pub mod result;
