//! [`PartWriter`]: a partition written edge by edge while an import reads its edge files, so
//! the node never holds the edges (a partitioned import, [`crate::graph::import::partitioned`]).
//!
//! It writes the layout [`super::write`] writes (same part files, same manifest), one
//! partition per [`PartSet`]: the unweighted one (`v<version>.p<P>/`) and one per numeric edge
//! property of the schema (`v<version>.p<P>.w<hex>/`, what `sssp`/`shortest_path` with
//! `weight` read). Memory: one 64 KiB buffer per part and set. A part's header carries its edge
//! count, known only at the end: it is written as 0 first and patched when the part is done.
//! The manifests are written last, after every part is synced.

use std::fs::{self, File};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use super::{MAGIC, MANIFEST, MAX_PARTS, Manifest, dir_name, owner, part_name};
use crate::graph::property::Table;
use crate::graph::schema::Schema;

/// Bytes buffered per part file.
const BUFFER: usize = 1 << 16;

/// One partition being written.
struct PartSet {
    dir: PathBuf,
    /// The weight property and, per label, its column (`None`: the label lacks it, weight 1).
    weight: Option<(String, Vec<Option<usize>>)>,
    files: Vec<BufWriter<File>>,
    counts: Vec<u64>,
}

/// Writes the partitions of one graph version into `P` parts as edges arrive.
pub struct PartWriter {
    parts: u32,
    version: i64,
    sets: Vec<PartSet>,
    /// Edges per label.
    label_edges: Vec<u64>,
}

impl PartWriter {
    /// Creates the partitions of version `version` into `parts` parts under `root` (the
    /// version's directory: each partition is `root/<dir_name>`): the unweighted one and one
    /// per numeric edge property `schema` declares.
    ///
    /// # Errors
    /// `parts` out of `1..=MAX_PARTS`, or a file cannot be created.
    pub fn create(root: &Path, version: i64, parts: u32, schema: &Schema) -> io::Result<Self> {
        if !(1..=MAX_PARTS).contains(&parts) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("partition count {parts} is out of range 1..={MAX_PARTS}"),
            ));
        }
        let mut weights: Vec<String> = Vec::new();
        for label in schema.labels() {
            for p in &label.properties {
                if p.data_type.is_numeric() && !weights.contains(&p.name) {
                    weights.push(p.name.clone());
                }
            }
        }
        let mut sets = Vec::with_capacity(1 + weights.len());
        for weight in std::iter::once(None).chain(weights.into_iter().map(Some)) {
            let dir = root.join(dir_name(version, parts, weight.as_deref()));
            let _ = fs::remove_dir_all(&dir);
            fs::create_dir_all(&dir)?;
            let columns = weight.map(|w| {
                let cols = schema
                    .labels()
                    .iter()
                    .map(|l| {
                        l.property_index(&w)
                            .filter(|&c| l.properties[c].data_type.is_numeric())
                    })
                    .collect();
                (w, cols)
            });
            let files = (0..parts)
                .map(|i| {
                    let mut w =
                        BufWriter::with_capacity(BUFFER, File::create(dir.join(part_name(i)))?);
                    w.write_all(MAGIC)?;
                    w.write_all(&0u64.to_le_bytes())?;
                    w.write_all(&[u8::from(columns.is_some())])?;
                    Ok(w)
                })
                .collect::<io::Result<Vec<_>>>()?;
            sets.push(PartSet {
                dir,
                weight: columns,
                files,
                counts: vec![0; parts as usize],
            });
        }
        Ok(Self {
            parts,
            version,
            sets,
            label_edges: vec![0; schema.labels().len()],
        })
    }

    /// Appends edge `source → target` of label `label`, whose properties are row `row` of
    /// `tables[label]` (the tables an import parsed the edge's row into).
    ///
    /// # Errors
    /// A write failed.
    pub(crate) fn push(
        &mut self,
        source: u32,
        target: u32,
        label: u16,
        row: u32,
        tables: &[Table],
    ) -> io::Result<()> {
        let part = owner(source, self.parts) as usize;
        if let Some(n) = self.label_edges.get_mut(label as usize) {
            *n += 1;
        }
        for set in &mut self.sets {
            let w = &mut set.files[part];
            w.write_all(&source.to_le_bytes())?;
            w.write_all(&target.to_le_bytes())?;
            if let Some((_, cols)) = &set.weight {
                let weight = cols[label as usize]
                    .and_then(|c| tables[label as usize].number(row, c))
                    .unwrap_or(1.0);
                w.write_all(&weight.to_le_bytes())?;
            }
            set.counts[part] += 1;
        }
        Ok(())
    }

    /// Edges written so far.
    pub fn edges(&self) -> u64 {
        self.sets.first().map_or(0, |s| s.counts.iter().sum())
    }

    /// Edges written so far per label, labels in schema order.
    pub fn label_edges(&self) -> &[u64] {
        &self.label_edges
    }

    /// Finishes every part (its count patched in, synced), then writes each partition's
    /// manifest for a graph of `vertices` vertices; returns the manifests, the unweighted one
    /// first.
    ///
    /// # Errors
    /// A write failed.
    pub fn finish(self, vertices: u64) -> io::Result<Vec<Manifest>> {
        let mut manifests = Vec::with_capacity(self.sets.len());
        for set in self.sets {
            for (w, &count) in set.files.into_iter().zip(&set.counts) {
                let mut file = w.into_inner().map_err(io::IntoInnerError::into_error)?;
                file.seek(SeekFrom::Start(MAGIC.len() as u64))?;
                file.write_all(&count.to_le_bytes())?;
                file.sync_all()?;
            }
            let manifest = Manifest {
                format: 1,
                vertices,
                edges: set.counts.iter().sum(),
                parts: self.parts,
                directed: true,
                weight: set.weight.map(|(w, _)| w),
                part_keys: (0..self.parts).map(part_name).collect(),
                part_edges: set.counts,
                names: names_file(self.version),
            };
            write_manifest(&set.dir, &manifest)?;
            manifests.push(manifest);
        }
        Ok(manifests)
    }
}

/// The file beside a partitioned version's partitions that holds its vertices (ids, labels,
/// properties; no edges): `v<version>.names.bin`, a graph snapshot. The manifest's `names`
/// points at it (a partition cut from a whole graph points at its `v<version>.bin`).
pub fn names_file(version: i64) -> String {
    format!("v{version}.names.bin")
}

/// Writes `dir/manifest.json` through a temporary file and a rename (the manifest is what
/// makes a partition exist).
pub(super) fn write_manifest(dir: &Path, manifest: &Manifest) -> io::Result<()> {
    let tmp = dir.join(format!(".{MANIFEST}.tmp"));
    fs::write(
        &tmp,
        serde_json::to_vec_pretty(manifest).map_err(io::Error::other)?,
    )?;
    fs::rename(&tmp, dir.join(MANIFEST))
}
