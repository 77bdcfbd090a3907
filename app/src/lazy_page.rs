//! Lazily loaded pages. The pages are grouped into areas (jobs, graphs, …); each area's code
//! goes into its own wasm chunks (split out by `scripts/build.sh` with `tools/wasm-split`),
//! fetched when one of its pages is first shown. The main chunk keeps only the router, the
//! signed-in frame and what every page shares.
//!
//! Why areas and not one split point per page: the splitter puts code shared by a set of
//! split points into a chunk of its own, so thirteen split points made 262 files, and a first
//! visit to `/jobs` fetched 146 of them. Pages of one area share most of their code and are
//! visited together, so each area is one split point (six areas: 40 files, 22 for `/jobs`).
//!
//! On the server nothing is lazy: the page renders at once, and the area records that it was
//! used, so `HydrationScripts` preloads its chunks next to the main wasm.

/// Declares the area function `$area` (one split point) over the page components `$page`, and
/// for each page its route type `$route` (a [`LazyRoute`](leptos_router::LazyRoute)).
/// `$preload` must be `__preload_<area>`, the function `#[lazy]` generates in the browser
/// build to fetch the area's chunks.
///
/// The router awaits a route's `preload()` before it hydrates the route: the area must be
/// loaded by then, or the page's `Suspend` would still be pending while its server-rendered
/// HTML is walked, which is a hydration error.
///
/// The pages create their own resources, so `data()` has nothing to start: their data
/// requests begin when the area has loaded (one round trip later on client-side navigation;
/// the first page's data comes with its HTML). [`crate::hydration::mark_hydrated`] runs inside
/// the area, so `<body data-hydrated>` means the page itself is interactive, not only the frame.
macro_rules! lazy_area {
    ($area:ident / $preload:ident, $pages:ident { $($route:ident => $page:ident),+ $(,)? }) => {
        /// The pages of this area.
        #[derive(Clone, Copy)]
        #[allow(clippy::enum_variant_names)]
        pub(crate) enum $pages {
            $($page,)+
        }

        #[::leptos::lazy]
        fn $area(page: $pages) -> ::leptos::prelude::AnyView {
            $crate::hydration::mark_hydrated();
            match page {
                $($pages::$page => ::leptos::prelude::IntoAny::into_any(
                    ::leptos::prelude::view! { <$page/> },
                ),)+
            }
        }

        $(
            pub(crate) struct $route;

            impl ::leptos_router::LazyRoute for $route {
                fn data() -> Self {
                    $route
                }

                async fn view(_this: Self) -> ::leptos::prelude::AnyView {
                    $area($pages::$page).await
                }

                async fn preload() {
                    #[cfg(target_arch = "wasm32")]
                    $preload().await;
                }
            }
        )+
    };
}

pub(crate) use lazy_area;
