//! Reusable view pieces. None of them calls the server: pages pass data and callbacks in.
//! The charts, path chains and timelines are drawn only in parts of pages that the server
//! renders (`crate::server_html`), so they are left out of the wasm build.

#[cfg(feature = "ssr")]
mod act_form;
#[cfg(feature = "ssr")]
mod charts;
mod confirm_button;
mod error_notice;
mod live_status;
#[cfg(feature = "ssr")]
mod param_field;
#[cfg(feature = "ssr")]
mod path_chain;
mod progress_bar;
mod role_notice;
#[cfg(feature = "ssr")]
mod select_field;
mod state_badge;
#[cfg(feature = "ssr")]
mod state_timeline;

#[cfg(feature = "ssr")]
pub(crate) use act_form::{ActConfirm, ActForm, ActRequest};
#[cfg(feature = "ssr")]
pub(crate) use charts::{BarChart, HBarChart, LineChart, RangeBar};
pub(crate) use confirm_button::ConfirmButton;
pub(crate) use error_notice::ErrorNotice;
pub(crate) use live_status::LiveStatus;
#[cfg(feature = "ssr")]
pub(crate) use param_field::ParamField;
#[cfg(feature = "ssr")]
pub(crate) use path_chain::PathList;
pub(crate) use progress_bar::ProgressBar;
pub(crate) use role_notice::RoleNotice;
#[cfg(feature = "ssr")]
pub(crate) use select_field::SelectField;
pub(crate) use state_badge::{StateBadge, is_active};
#[cfg(feature = "ssr")]
pub(crate) use state_timeline::StateTimeline;
