//! The list's query parameters (REFERENCE §9.2), parsed once with ModelArts' codes.
//!
//! Choices where the docs disagree (REFERENCE §14.7):
//! - `per_page` is 1–1000 (the API reference); the SDK doc's 1–100 is a client-side limit.
//! - `search_content` is at most 100 characters: the failure sample's own message says
//!   "[0,100]" and the SDK doc agrees; only one table says 64. It matches a substring of
//!   `job_name`, ignoring ASCII case.
//! - `sortBy` and `sort_by` are both accepted (`sortBy` wins when both are sent), with the union
//!   of both docs' values; `log_dir` sorts by `train_url`. The default is `job_id`.
//! - `status` filters on one status integer (0–21).
//! - `workspace_id` must be `0` (the default workspace); another is refused
//!   ([`Refusal::NoSuchWorkspace`], which ModelArts numbers `ModelArts.0102`).

use crate::{Error, Refusal, Result};

/// Largest `per_page`.
pub const MAX_PER_PAGE: u64 = 1000;
/// Default `per_page`.
pub const DEFAULT_PER_PAGE: u64 = 10;
/// Longest `search_content`.
pub const MAX_SEARCH: usize = 100;

/// What the list is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum VizSort {
    /// `job_id` (default).
    #[default]
    JobId,
    /// `job_name`.
    JobName,
    /// `job_desc`.
    JobDesc,
    /// `create_time`.
    CreateTime,
    /// `status`.
    Status,
    /// `duration`.
    Duration,
    /// `log_dir` (the SDK's name): `train_url`.
    TrainUrl,
}

impl VizSort {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "job_id" => Self::JobId,
            "job_name" => Self::JobName,
            "job_desc" => Self::JobDesc,
            "create_time" => Self::CreateTime,
            "status" => Self::Status,
            "duration" => Self::Duration,
            "log_dir" | "train_url" => Self::TrainUrl,
            _ => return None,
        })
    }
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// `asc` (default).
    #[default]
    Asc,
    /// `desc`.
    Desc,
}

/// A parsed list query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VizListQuery {
    /// Only jobs with this status integer.
    pub status: Option<i64>,
    /// Page number from 1.
    pub page: u64,
    /// Jobs per page, 1–1000.
    pub per_page: u64,
    /// Sort key.
    pub sort: VizSort,
    /// Sort direction.
    pub order: SortOrder,
    /// Substring of `job_name` (ASCII case ignored).
    pub search: Option<String>,
}

impl Default for VizListQuery {
    fn default() -> Self {
        Self {
            status: None,
            page: 1,
            per_page: DEFAULT_PER_PAGE,
            sort: VizSort::default(),
            order: SortOrder::default(),
            search: None,
        }
    }
}

fn bad(message: impl Into<String>) -> Error {
    Error::invalid(message)
}

impl VizListQuery {
    /// Parses the query string's parameters (`get` returns a parameter's raw value). Empty
    /// values count as absent.
    ///
    /// # Errors
    /// `InvalidArgument`: a [`Refusal::BadParameter`] naming the parameter, or
    /// [`Refusal::NoSuchWorkspace`] for an unknown workspace.
    pub fn from_params<'a>(get: impl Fn(&str) -> Option<&'a str>) -> Result<Self> {
        let get = |name: &str| get(name).map(str::trim).filter(|v| !v.is_empty());
        let mut q = Self::default();
        if let Some(ws) = get("workspace_id")
            && ws != "0"
        {
            return Err(Error::refused(
                Refusal::NoSuchWorkspace,
                format!("workspace [{ws}] not found"),
            ));
        }
        if let Some(s) = get("status") {
            q.status = Some(
                s.parse::<i64>()
                    .ok()
                    .filter(|n| (0..=21).contains(n))
                    .ok_or_else(|| bad("status should be an integer in [0,21]"))?,
            );
        }
        if let Some(p) = get("page") {
            q.page = p
                .parse::<u64>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| bad("page should be a positive integer"))?;
        }
        if let Some(p) = get("per_page") {
            q.per_page = p
                .parse::<u64>()
                .ok()
                .filter(|n| (1..=MAX_PER_PAGE).contains(n))
                .ok_or_else(|| bad(format!("per_page should be in [1,{MAX_PER_PAGE}]")))?;
        }
        if let Some(s) = get("sortBy").or_else(|| get("sort_by")) {
            q.sort = VizSort::parse(s).ok_or_else(|| {
                bad("sortBy should be one of job_id, job_name, job_desc, create_time, status, duration, log_dir")
            })?;
        }
        if let Some(o) = get("order") {
            q.order = match o.to_ascii_lowercase().as_str() {
                "asc" => SortOrder::Asc,
                "desc" => SortOrder::Desc,
                _ => return Err(bad("order should be asc or desc")),
            };
        }
        if let Some(s) = get("search_content") {
            if s.chars().count() > MAX_SEARCH {
                return Err(bad(format!(
                    "The length of search content should be in [0,{MAX_SEARCH}]"
                )));
            }
            q.search = Some(s.to_owned());
        }
        Ok(q)
    }

    /// Rows skipped before this page.
    pub fn offset(&self) -> u64 {
        (self.page - 1).saturating_mul(self.per_page)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;

    fn parse(pairs: &[(&str, &str)]) -> Result<VizListQuery> {
        let map: HashMap<&str, &str> = pairs.iter().copied().collect();
        VizListQuery::from_params(|k| map.get(k).copied())
    }

    fn message(pairs: &[(&str, &str)]) -> (Refusal, String) {
        match parse(pairs).unwrap_err() {
            Error::InvalidArgument { kind, message } => (kind, message),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn defaults() {
        let q = parse(&[]).unwrap();
        assert_eq!(q, VizListQuery::default());
        assert_eq!((q.page, q.per_page, q.offset()), (1, 10, 0));
        assert_eq!(parse(&[("page", ""), ("status", "")]).unwrap(), q);
    }

    #[test]
    fn every_parameter() {
        let q = parse(&[
            ("status", "8"),
            ("page", "3"),
            ("per_page", "1000"),
            ("sort_by", "duration"),
            ("order", "DESC"),
            ("search_content", "viz"),
            ("workspace_id", "0"),
        ])
        .unwrap();
        assert_eq!(q.status, Some(8));
        assert_eq!((q.page, q.per_page, q.offset()), (3, 1000, 2000));
        assert_eq!((q.sort, q.order), (VizSort::Duration, SortOrder::Desc));
        assert_eq!(q.search.as_deref(), Some("viz"));
        let both = parse(&[("sortBy", "job_name"), ("sort_by", "status")]).unwrap();
        assert_eq!(both.sort, VizSort::JobName, "sortBy wins");
        assert_eq!(
            parse(&[("sortBy", "log_dir")]).unwrap().sort,
            VizSort::TrainUrl
        );
        assert!(parse(&[("search_content", &"x".repeat(100))]).is_ok());
    }

    #[test]
    fn refusals_name_the_parameter() {
        for (pairs, needle) in [
            (vec![("status", "x")], "status"),
            (vec![("status", "22")], "status"),
            (vec![("page", "0")], "page"),
            (vec![("page", "-1")], "page"),
            (vec![("per_page", "0")], "per_page"),
            (vec![("per_page", "1001")], "per_page"),
            (vec![("sortBy", "owner")], "sortBy"),
            (vec![("order", "up")], "order"),
        ] {
            let (code, m) = message(&pairs);
            assert_eq!(code, Refusal::BadParameter);
            assert!(m.contains(needle), "{m}");
        }
        let long = "x".repeat(101);
        assert_eq!(
            message(&[("search_content", &long)]),
            (
                Refusal::BadParameter,
                "The length of search content should be in [0,100]".to_owned()
            )
        );
        assert_eq!(
            message(&[("workspace_id", "7")]).0,
            Refusal::NoSuchWorkspace
        );
    }
}
