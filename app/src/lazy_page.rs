//! Lazily loaded pages. Each page's code goes into its own wasm chunk (split out by
//! `scripts/build.sh` with `wasm-split-cli`), fetched when the page is first shown; the main
//! chunk keeps only the router, the signed-in frame and what every page shares.
//!
//! On the server nothing is lazy: the page renders at once, and the route records which chunk
//! it used so `HydrationScripts` can preload it next to the main wasm.

/// Declares `$route`, the lazily loaded route of the page component `$page`.
///
/// The page creates its own resources, so `data()` has nothing to start: its data requests
/// begin when its chunk has loaded (one round trip later on client-side navigation; the first
/// page's data comes with its HTML). [`crate::hydration::mark_hydrated`] runs inside the page,
/// so `<body data-hydrated>` means the page itself is interactive, not only the frame.
macro_rules! lazy_page {
    ($route:ident => $page:ident) => {
        pub(crate) struct $route;

        #[::leptos_router::lazy_route]
        impl ::leptos_router::LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(this: Self) -> ::leptos::prelude::AnyView {
                let _ = this;
                $crate::hydration::mark_hydrated();
                ::leptos::prelude::IntoAny::into_any(::leptos::prelude::view! { <$page/> })
            }
        }
    };
}

pub(crate) use lazy_page;
