//! # graphjobs server
//!
//! The composition root and HTTP transport, kept thin: [`cli`] parses the configuration,
//! [`startup`] wires the engine, the REST surfaces ([`rest`]) and the Leptos console together
//! and runs them under one graceful shutdown.

pub mod agent;
pub mod cli;
pub mod demo;
pub mod error;
pub mod multipart_only;
pub mod openapi;
pub mod rest;
pub mod same_origin;
pub mod startup;
pub mod state;
pub mod telemetry;
