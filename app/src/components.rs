//! Reusable view pieces. None of them calls the server: pages pass data and callbacks in.

mod charts;
mod confirm_button;
mod error_notice;
mod live_status;
mod pager;
mod param_field;
mod path_chain;
mod progress_bar;
mod select_field;
mod state_badge;
mod state_timeline;

pub(crate) use charts::{BarChart, HBarChart, LineChart, RangeBar};
pub(crate) use confirm_button::ConfirmButton;
pub(crate) use error_notice::ErrorNotice;
pub(crate) use live_status::LiveStatus;
pub(crate) use pager::Pager;
pub(crate) use param_field::ParamField;
pub(crate) use path_chain::PathList;
pub(crate) use progress_bar::ProgressBar;
pub(crate) use select_field::SelectField;
pub(crate) use state_badge::{StateBadge, is_active};
pub(crate) use state_timeline::StateTimeline;
