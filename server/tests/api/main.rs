//! HTTP tests of the REST surfaces against a real server on 127.0.0.1:0 (one binary).

mod auth;
mod errors;
mod helpers;
mod jobs;
