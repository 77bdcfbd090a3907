//! Every server function of the console, named by its type, for what calls them from outside
//! the crate by their paths: the server's tests that walk every function with every role
//! (`server/tests/api/console_roles.rs`). A [`ServerFunction`] variant is named after its
//! function's type and its [`path`](ServerFunction::path) is that type's
//! `<F as ServerFn>::PATH`, so renaming or removing a server function breaks the build of
//! this table and of every test naming it, instead of leaving a path string that no longer
//! names it.

use leptos::server_fn::ServerFn;

use crate::keys::palette::PaletteHtml;
use crate::pages::changing::*;
use crate::pages::reading::*;

/// Declares [`ServerFunction`] from the server functions' types.
macro_rules! server_functions {
    ($($f:ident),* $(,)?) => {
        /// A server function of the console, named after its type.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum ServerFunction {
            $(
                #[doc = concat!("The server function `", stringify!($f), "`.")]
                $f,
            )*
        }

        impl ServerFunction {
            /// Its URL path (`/rpc/…`), `<F as ServerFn>::PATH` of its type.
            pub const fn path(self) -> &'static str {
                match self {
                    $(Self::$f => <$f as ServerFn>::PATH,)*
                }
            }
        }
    };
}

server_functions! {
    // Signing in and out, the session.
    SignIn, SignOut, CurrentProject, SwitchProject,
    // Reads.
    OverviewLive, ListJobs, JobLive, CountCancellable, GraphListHtml, GraphHtml, CenterLive,
    HygViewsHtml, QueryFormHtml, DslFormHtml, VizListLive, VizJobLive, VizJobHtml, ListGraphs,
    RunFormHtml, PaletteHtml, ExploreNeighbourhood, ExploreColumn, ExplorePath, AuditHtml,
    // Changes.
    CancelJob, CancelMatching, CancelSelected, DumpResult, RerunJob, CancelQueuedHyg,
    SubmitQuery, SubmitDsl, SubmitAlgorithm, CreateVizJob, StopVizJob, RestartVizJob,
    DeleteVizJob, ClearGraph, DeleteGraph, UploadImport,
}
