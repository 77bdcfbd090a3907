//! The vertex/edge filter query body (REFERENCE §4.1–4.2). The server validates it in
//! `engine::query` (which names the offending field); this type documents the shape.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `POST …/vertices/action?action_id=query` (with `vertexFilters`) or
/// `…/edges/action?action_id=query` (with `edgeFilters`). One of `labels` and the filters is
/// required.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::FilterQueryRequest))]
#[serde(rename_all = "camelCase")]
pub struct FilterQueryRequest {
    /// Keep elements with any of these labels.
    pub labels: Option<Vec<String>>,
    /// Vertex queries: property filters, folded left to right by each one's `type`.
    pub vertex_filters: Option<Vec<PropertyFilter>>,
    /// Edge queries: property filters.
    pub edge_filters: Option<Vec<PropertyFilter>>,
    /// First row (number or numeric string), default 0.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u64>))]
    pub offset: Option<Value>,
    /// Rows (number or numeric string), default 10, at most 100000.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<u64>))]
    pub limit: Option<Value>,
    /// Sort keys, most significant first.
    pub sorts: Option<Vec<SortKey>>,
}

/// `{propertyName, predicate, values, type}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::PropertyFilter))]
#[serde(rename_all = "camelCase")]
pub struct PropertyFilter {
    /// Property compared.
    pub property_name: String,
    /// `=` `<` `>` `<=` `>=` `range` `has` `hasNot`.
    pub predicate: String,
    /// Operands (two for `range`).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Object>))]
    pub values: Vec<Value>,
    /// `and` (default) | `or`: how it joins the filters before it.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// `{key | propertyName, orderValue}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema), schema(as = ges::SortKey))]
#[serde(rename_all = "camelCase")]
pub struct SortKey {
    /// `id`, `label` or a property name.
    pub key: Option<String>,
    /// Alternative spelling of `key`.
    pub property_name: Option<String>,
    /// `incr` (default) | `decr`.
    pub order_value: Option<String>,
}
