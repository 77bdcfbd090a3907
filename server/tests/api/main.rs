//! HTTP tests of the REST surfaces against a real server on 127.0.0.1:0 (one binary).

#![allow(unreachable_pub)] // helpers are shared between test modules, not an API

mod auth;
mod cloud_jobs;
mod errors;
mod helpers;
mod jobs;
mod management;
mod management_graphs;
mod management_v1;
mod openapi;
mod signing;
mod visualization;
