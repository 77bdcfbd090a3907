//! `job_kinds!`: [`JobKind`](super::JobKind) and everything known of each kind, from one
//! table in `kind.rs` with one entry per kind.

/// Declares [`JobKind`](super::JobKind) from entries of this form:
///
/// ```text
/// /// What the kind does (the variant's docs).
/// Variant [(binding: Spec) | { field: Type, … }] => <its JobType>, <its GraphUse>,
///     check(cx) <expression: Result<Option<String>>, the name the job list shows>,
///     run(cx) <expression: Result<Outcome>>;
/// ```
///
/// and generates the enum, each variant exactly as written (so its serde form, the stored
/// specs, is that of a hand-written enum), [`job_type`](super::JobKind::job_type),
/// `graph_use`, [`check`](super::JobKind::check) and [`run`](super::JobKind::run). The
/// expressions see the variant's binding or fields, by reference in `job_type` and `check`
/// and by value in `run`, and the context under the name given in `check(…)` / `run(…)`.
///
/// Every arm binds them all, whether its expression uses them or not; each arm marks them
/// seen with `let _ = x;`, which counts as a use and neither moves nor drops `x` (the `_`
/// pattern binds nothing), so no lint is silenced for the whole function.
macro_rules! job_kinds {
    ($(
        $(#[$attr:meta])*
        $kind:ident
        $( ( $spec:ident : $Spec:ty ) )?
        $( { $( $(#[$field_attr:meta])* $field:ident : $Field:ty ),* $(,)? } )?
        => $job_type:expr, $graph_use:ident,
        check($check_cx:ident) $check:expr,
        run($run_cx:ident) $run:expr;
    )*) => {
        /// The kinds of work the engine runs.
        #[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
        pub enum JobKind {
            $(
                $(#[$attr])*
                $kind $( ($Spec) )? $( { $( $(#[$field_attr])* $field: $Field ),* } )?,
            )*
        }

        impl JobKind {
            /// The job type the job list and the wire show for this kind.
            pub fn job_type(&self) -> JobType {
                match self {
                    $( Self::$kind $( ($spec) )? $( { $($field),* } )? => {
                        $( let _ = $spec; )? $( $( let _ = $field; )* )?
                        $job_type
                    } )*
                }
            }

            /// What the kind does with its graph.
            fn graph_use(&self) -> GraphUse {
                match self {
                    $( Self::$kind { .. } => GraphUse::$graph_use, )*
                }
            }

            /// Checks the job before it is queued; returns the algorithm name the job list
            /// shows.
            pub(crate) async fn check(&self, cx: Submitting<'_>) -> Result<Option<String>> {
                match self {
                    $( Self::$kind $( ($spec) )? $( { $($field),* } )? => {
                        let $check_cx = cx;
                        let _ = &$check_cx;
                        $( let _ = $spec; )? $( $( let _ = $field; )* )?
                        $check
                    } )*
                }
            }

            /// Runs the claimed job to its outcome (an `Err` is an internal error, failed as
            /// [`FailKind::RunFailed`](crate::FailKind::RunFailed)).
            pub(crate) async fn run(self, cx: Running<'_>) -> Result<Outcome> {
                match self {
                    $( Self::$kind $( ($spec) )? $( { $($field),* } )? => {
                        let $run_cx = cx;
                        let _ = &$run_cx;
                        $( let _ = $spec; )? $( $( let _ = $field; )* )?
                        $run
                    } )*
                }
            }
        }
    };
}

pub(super) use job_kinds;
