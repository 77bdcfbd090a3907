//! One numeric or date property read on vertices and edges as a number, dates as seconds since
//! the epoch: what a time window (`timeWindow` of the path algorithms) compares.

use super::Graph;
use super::schema::DataType;

/// A vertex's or an edge's value of the property.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Instant {
    /// Its label does not define the property (or not as a number or date).
    NotDefined,
    /// Its label defines it, but this element has no value.
    Absent,
    /// The value (a date in seconds since the epoch).
    At(f64),
}

/// A resolved accessor; see [`Graph::instants`].
#[derive(Debug, Clone)]
pub struct Instants<'g> {
    graph: &'g Graph,
    /// Per label id: the column holding the property, if that label has it as a number or date.
    columns: Vec<Option<usize>>,
    /// Some label holds it as a date.
    dates: bool,
}

impl Graph {
    /// An accessor for the numeric or date property `property` of vertices and edges.
    pub fn instants(&self, property: &str) -> Instants<'_> {
        let mut dates = false;
        let columns = self
            .schema
            .labels()
            .iter()
            .map(|l| {
                let c = l.property_index(property)?;
                let dt = &l.properties[c].data_type;
                dates |= *dt == DataType::Date;
                (dt.is_numeric() || *dt == DataType::Date).then_some(c)
            })
            .collect();
        Instants {
            graph: self,
            columns,
            dates,
        }
    }
}

impl Instants<'_> {
    /// Whether some label holds the property as a date (so numbers compared with it are Unix
    /// timestamps).
    pub fn is_date(&self) -> bool {
        self.dates
    }

    /// Whether some vertex's label defines the property.
    pub fn on_vertices(&self) -> bool {
        let g = self.graph;
        g.vertex_labels.any(|l| self.columns[l as usize].is_some())
    }

    /// Whether some edge's label defines the property.
    pub fn on_edges(&self) -> bool {
        let g = self.graph;
        g.edge_labels.any(|l| self.columns[l as usize].is_some())
    }

    /// Vertex `v`'s value.
    pub fn vertex(&self, v: u32) -> Instant {
        let g = self.graph;
        let label = g.vertex_labels.get(v as usize) as usize;
        let Some(col) = self.columns[label] else {
            return Instant::NotDefined;
        };
        match g.vertex_rows.get(v as usize) {
            Some(row) => match g.vertex_tables[label].instant(row, col) {
                Some(x) => Instant::At(x),
                None => Instant::Absent,
            },
            None => Instant::Absent,
        }
    }

    /// Out-edge `k`'s value.
    pub fn edge(&self, k: usize) -> Instant {
        let g = self.graph;
        let label = g.edge_labels.get(k) as usize;
        let Some(col) = self.columns[label] else {
            return Instant::NotDefined;
        };
        match g.edge_rows.get(k) {
            Some(row) => match g.edge_tables[label].instant(row, col) {
                Some(x) => Instant::At(x),
                None => Instant::Absent,
            },
            None => Instant::Absent,
        }
    }
}
