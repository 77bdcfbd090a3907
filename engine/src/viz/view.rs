//! What a visualization job shows: built from the files found at its `train_url`.
//!
//! - A graphjobs dump (`manifest.json` written last by export-result) of per-vertex or
//!   per-edge metric rows → a histogram of the metric and the top N; of community rows
//!   (`community`, `label`, `component`… with string or integer values) → community sizes;
//!   of path results (`paths.txt`) → the paths.
//! - TensorBoard event files (`events.out.tfevents*`: TFRecord framing, `Event` protobufs) →
//!   each scalar tag's series (summary `simple_value`, or a one-float tensor as TF2 writes).
//! - Anything else: an error naming what was found, which fails the job.

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

mod tfevents;

pub use tfevents::{encode_scalar_event, parse_events};

/// Histogram bins.
pub const BINS: usize = 20;
/// Rows in a top-N table.
pub const TOP_N: usize = 20;
/// Largest communities shown.
pub const TOP_COMMUNITIES: usize = 30;
/// Paths shown.
pub const MAX_PATHS: usize = 50;

/// One histogram bin: `[lo, hi)` (the last one closed) and how many values fell in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bin {
    /// Lower bound.
    pub lo: f64,
    /// Upper bound.
    pub hi: f64,
    /// Values in the bin.
    pub count: u64,
}

/// One scalar series of a TensorBoard run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// Summary tag (`loss`, `accuracy`…).
    pub tag: String,
    /// `(step, value)` by step.
    pub points: Vec<(i64, f64)>,
}

/// The view of one visualization job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum VizView {
    /// A numeric metric per vertex or edge.
    Metric {
        /// Source job id from the manifest.
        job_id: String,
        /// Metric column (`pagerank`, `coreness`…).
        metric: String,
        /// Rows in the dump.
        rows: u64,
        /// Smallest and largest value.
        min: f64,
        /// Largest value.
        max: f64,
        /// Mean value.
        mean: f64,
        /// Equal-width bins over `[min, max]`.
        histogram: Vec<Bin>,
        /// Highest values first: `(id, value)`.
        top: Vec<(String, f64)>,
    },
    /// A community (or component) id per vertex.
    Communities {
        /// Source job id.
        job_id: String,
        /// Column holding the community.
        metric: String,
        /// Rows in the dump.
        rows: u64,
        /// Distinct communities.
        communities: u64,
        /// Largest first: `(community, size)`.
        sizes: Vec<(String, u64)>,
    },
    /// Path results.
    Paths {
        /// Source job id.
        job_id: String,
        /// Paths in the dump.
        total: u64,
        /// The first [`MAX_PATHS`], each a vertex sequence.
        paths: Vec<Vec<String>>,
    },
    /// TensorBoard scalars.
    Scalars {
        /// Event files read.
        files: Vec<String>,
        /// One series per tag, by tag.
        series: Vec<Series>,
    },
}

/// Columns whose values are community ids, not measures.
const COMMUNITY_COLUMNS: &[&str] = &["community", "label", "component", "cluster", "partition"];

/// Builds the view from `(name relative to train_url, bytes)` pairs.
///
/// # Errors
/// A reason naming what was found when it is neither a complete dump nor event files.
pub fn build(files: &[(String, Vec<u8>)]) -> Result<VizView, String> {
    let find = |name: &str| files.iter().find(|(n, _)| n == name).map(|(_, b)| b);
    let events: Vec<&(String, Vec<u8>)> = files
        .iter()
        .filter(|(n, _)| {
            n.rsplit('/')
                .next()
                .is_some_and(|b| b.starts_with("events.out.tfevents"))
        })
        .collect();
    if !events.is_empty() {
        return scalars(&events);
    }
    let Some(manifest) = find("manifest.json") else {
        let mut names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).take(10).collect();
        if names.is_empty() {
            return Err("nothing found at train_url (no objects)".into());
        }
        names.sort_unstable();
        return Err(format!(
            "no graphjobs dump (manifest.json) and no TensorBoard event files (events.out.tfevents*) at train_url; found: {}",
            names.join(", ")
        ));
    };
    let manifest: Value =
        serde_json::from_slice(manifest).map_err(|e| format!("manifest.json is not JSON: {e}"))?;
    let job_id = manifest["jobId"].as_str().unwrap_or_default().to_owned();
    if let Some(paths) = find("paths.txt") {
        return Ok(paths_view(job_id, paths));
    }
    let Some((name, csv)) = ["vertices.csv", "edges.csv"]
        .iter()
        .find_map(|n| find(n).map(|b| (*n, b)))
    else {
        return Err(format!(
            "the dump of job {job_id} has no rows (no vertices.csv, edges.csv or paths.txt) to show"
        ));
    };
    table_view(job_id, name, csv)
}

fn table_view(job_id: String, name: &str, csv: &[u8]) -> Result<VizView, String> {
    let mut reader = csv::ReaderBuilder::new().from_reader(csv);
    let header = reader
        .headers()
        .map_err(|e| format!("{name}: {e}"))?
        .clone();
    let cols: Vec<&str> = header.iter().collect();
    let id_cols: &[&str] = if name == "edges.csv" {
        &["source", "target"]
    } else {
        &["id"]
    };
    let Some(metric_at) = cols
        .iter()
        .rposition(|c| !id_cols.contains(c) && *c != "index")
    else {
        return Err(format!(
            "{name} has no metric column (columns: {})",
            cols.join(", ")
        ));
    };
    let metric = cols[metric_at].to_owned();
    let ident = |r: &csv::StringRecord| -> String {
        id_cols
            .iter()
            .filter_map(|c| cols.iter().position(|x| x == c).and_then(|i| r.get(i)))
            .collect::<Vec<_>>()
            .join("→")
    };
    let mut ids = Vec::new();
    let mut values = Vec::new();
    let mut numeric = true;
    for rec in reader.records() {
        let rec = rec.map_err(|e| format!("{name}: {e}"))?;
        let raw = rec.get(metric_at).unwrap_or_default().to_owned();
        if numeric && raw.parse::<f64>().is_err() {
            numeric = false;
        }
        ids.push(ident(&rec));
        values.push(raw);
    }
    let rows = values.len() as u64;
    if rows == 0 {
        return Err(format!("{name} of job {job_id} has a header but no rows"));
    }
    if !numeric || COMMUNITY_COLUMNS.contains(&metric.as_str()) {
        let mut sizes: HashMap<&str, u64> = HashMap::new();
        for v in &values {
            *sizes.entry(v.as_str()).or_default() += 1;
        }
        let communities = sizes.len() as u64;
        let mut sizes: Vec<(String, u64)> =
            sizes.into_iter().map(|(k, n)| (k.to_owned(), n)).collect();
        sizes.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        sizes.truncate(TOP_COMMUNITIES);
        return Ok(VizView::Communities {
            job_id,
            metric,
            rows,
            communities,
            sizes,
        });
    }
    let nums: Vec<f64> = values
        .iter()
        .map(|v| v.parse().unwrap_or(f64::NAN))
        .collect();
    let finite: Vec<f64> = nums.iter().copied().filter(|x| x.is_finite()).collect();
    if finite.is_empty() {
        return Err(format!("{name}: column {metric} has no finite values"));
    }
    let min = finite.iter().copied().fold(f64::INFINITY, f64::min);
    let max = finite.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let mean = finite.iter().sum::<f64>() / finite.len() as f64;
    let histogram = histogram(&finite, min, max);
    let mut order: Vec<usize> = (0..nums.len()).filter(|&i| nums[i].is_finite()).collect();
    order.sort_by(|&a, &b| {
        nums[b]
            .total_cmp(&nums[a])
            .then_with(|| ids[a].cmp(&ids[b]))
    });
    let top = order
        .into_iter()
        .take(TOP_N)
        .map(|i| (ids[i].clone(), nums[i]))
        .collect();
    Ok(VizView::Metric {
        job_id,
        metric,
        rows,
        min,
        max,
        mean,
        histogram,
        top,
    })
}

/// [`BINS`] equal-width bins over `[min, max]` (one bin when all values are equal).
pub fn histogram(values: &[f64], min: f64, max: f64) -> Vec<Bin> {
    if max <= min {
        return vec![Bin {
            lo: min,
            hi: max,
            count: values.len() as u64,
        }];
    }
    let width = (max - min) / BINS as f64;
    let mut counts = [0u64; BINS];
    for &v in values {
        let i = (((v - min) / width) as usize).min(BINS - 1);
        counts[i] += 1;
    }
    counts
        .iter()
        .enumerate()
        .map(|(i, &count)| Bin {
            lo: min + width * i as f64,
            hi: if i + 1 == BINS {
                max
            } else {
                min + width * (i + 1) as f64
            },
            count,
        })
        .collect()
}

/// `paths.txt`: one path per line, vertices separated by spaces, commas or arrows.
fn paths_view(job_id: String, text: &[u8]) -> VizView {
    let text = String::from_utf8_lossy(text);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let paths = lines
        .iter()
        .take(MAX_PATHS)
        .map(|l| {
            l.split(|c: char| c == ',' || c.is_whitespace() || c == '>' || c == '-')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .collect();
    VizView::Paths {
        job_id,
        total: lines.len() as u64,
        paths,
    }
}

fn scalars(events: &[&(String, Vec<u8>)]) -> Result<VizView, String> {
    let mut by_tag: BTreeMap<String, BTreeMap<i64, f64>> = BTreeMap::new();
    let mut files = Vec::new();
    for (name, bytes) in events {
        let points = parse_events(bytes).map_err(|e| format!("{name}: {e}"))?;
        for (tag, step, value) in points {
            by_tag.entry(tag).or_default().insert(step, value);
        }
        files.push(name.clone());
    }
    if by_tag.is_empty() {
        return Err(format!(
            "TensorBoard event files ({}) hold no scalar summaries",
            files.join(", ")
        ));
    }
    Ok(VizView::Scalars {
        files,
        series: by_tag
            .into_iter()
            .map(|(tag, points)| Series {
                tag,
                points: points.into_iter().collect(),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests;
