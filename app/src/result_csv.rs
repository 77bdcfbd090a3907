//! `GET /console/jobs/{id}/result.csv`: a succeeded job's whole result as CSV, streamed page by
//! page (so a 10M-row result never sits in memory), with the columns the result table shows
//! (`crate::result_rows::Columns`, from the first page). Authenticated by the session cookie.

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use engine::Engine;
use futures::StreamExt;

use crate::result_rows::Columns;

/// Rows read per step.
const STEP: u64 = 10_000;

/// The handler; mount it with a state from which an [`Engine`] can be taken.
pub async fn job_result_csv(
    State(engine): State<Engine>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let Some(project) = crate::cookie::session_project(&engine, &headers).await else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let first = match engine.result_page(&project, &id, 0, STEP).await {
        Ok(page) => page,
        Err(e) => {
            let status = crate::error::AppError::from(e).status();
            return StatusCode::from_u16(status)
                .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
                .into_response();
        }
    };
    let columns = Columns::of(&first.rows);
    let total = first.total;
    let mut head = csv_line(&columns.headers());
    head.push_str(&rows_csv(&columns, &first.rows));
    let start = first.rows.len() as u64;
    let state = (engine, project, id.clone(), columns, start);
    let rest = futures::stream::unfold(
        state,
        move |(engine, project, id, columns, offset)| async move {
            if offset >= total {
                return None;
            }
            let (chunk, next) = match engine.result_page(&project, &id, offset, STEP).await {
                Ok(p) if !p.rows.is_empty() => {
                    let next = offset + p.rows.len() as u64;
                    (Ok(Bytes::from(rows_csv(&columns, &p.rows))), next)
                }
                Ok(_) => return None,
                // The status line is long gone: a broken stream is how the client learns of it.
                Err(e) => (Err(std::io::Error::other(e.to_string())), total),
            };
            Some((chunk, (engine, project, id, columns, next)))
        },
    );
    let body = futures::stream::once(async move { Ok::<_, std::io::Error>(Bytes::from(head)) })
        .chain(rest);
    let disposition = format!("attachment; filename=\"{}.csv\"", file_stem(&id));
    let mut res = Body::from_stream(body).into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

fn rows_csv(columns: &Columns, rows: &[serde_json::Value]) -> String {
    rows.iter().map(|r| csv_line(&columns.cells(r))).collect()
}

/// One CSV record (RFC 4180: fields with `,` `"` or line breaks are quoted, `"` doubled).
pub(crate) fn csv_line(fields: &[String]) -> String {
    let mut line = fields
        .iter()
        .map(|f| {
            if f.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", f.replace('"', "\"\""))
            } else {
                f.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// A safe file name from a job id.
fn file_stem(id: &str) -> String {
    id.chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_quoted_only_when_they_must_be() {
        let line = csv_line(&["a".into(), "b,c".into(), "say \"hi\"".into(), "x\ny".into()]);
        assert_eq!(line, "a,\"b,c\",\"say \"\"hi\"\"\",\"x\ny\"\r\n");
    }

    #[test]
    fn file_names_keep_only_safe_characters() {
        assert_eq!(file_stem("abc-12_3\"; rm"), "abc-12_3rm");
    }
}
