//! HTTP tests of the REST surfaces against a real server on 127.0.0.1:0 (one binary).

#![allow(unreachable_pub)] // helpers are shared between test modules, not an API

mod audit;
mod audit_names;
mod auth;
mod bad_input;
mod cloud_jobs;
mod compute_sweep_s3;
mod console_audit;
mod console_roles;
mod console_routes;
mod distributed;
mod distributed_s3;
mod errors;
mod export_graph;
mod export_result;
mod filtered_query;
mod golden;
mod golden_match;
mod helpers;
mod hyg;
mod hyg_algorithms;
mod hyg_dsl;
mod hyg_jobs;
mod job_options;
mod jobs;
mod management;
mod management_graphs;
mod management_v1;
mod object_store;
mod obs_app;
mod openapi;
mod partitioned_import;
mod partitioned_s3;
mod path_query;
mod query;
mod refusals;
mod roles;
mod s3;
mod signing;
mod status_cache;
mod tenancy;
mod visualization;
mod viz_view;
