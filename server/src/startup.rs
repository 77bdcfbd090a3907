//! Wires the engine, the REST surfaces and the console into one router, and runs it with a
//! graceful shutdown (SIGTERM / Ctrl-C: stop accepting, let running jobs finish briefly).

use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::get;
use leptos::config::{Env, LeptosOptions};
use leptos::prelude::provide_context;
use leptos_axum::{LeptosRoutes, generate_route_list};
use tower_http::trace::TraceLayer;

use crate::cli::ServeArgs;
use crate::rest;
use crate::state::AppState;

/// How long running jobs get to finish on shutdown before the next start recovers them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The console's build settings (what scripts/dev/build.sh produces under `site_root`).
pub fn leptos_options(args: &ServeArgs) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("console")
        .site_root(args.site_root.to_string_lossy().into_owned())
        .site_pkg_dir("pkg")
        .site_addr(args.addr)
        .env(Env::PROD)
        .build()
}

/// The whole application.
pub fn router(state: AppState) -> Router {
    let body_limit = state.body_limit;
    let routes = generate_route_list(app::App);
    let engine = state.engine.clone();
    let options = state.leptos_options.clone();
    // The console's pages and server functions, each request's session resolved once up
    // front (the token's role decides what a page shows; server functions check it again).
    let console = Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(engine.clone()),
            move || app::shell(options.clone()),
        )
        // Inside the session: every server function call that changes something, and signing
        // in and out, is recorded in the audit log.
        .layer(axum::middleware::from_fn_with_state(
            state.engine.clone(),
            app::record_console_action,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.engine.clone(),
            app::resolve_session,
        ));
    // Unknown paths: the console's files and 404 page, except under a REST surface.
    let console_fallback = leptos_axum::file_and_error_handler::<AppState, _>(app::shell);
    Router::new()
        .route("/health", get(rest::health))
        .route("/openapi.json", get(crate::openapi::serve))
        .route("/console/events", get(app::job_event_stream))
        .route(
            "/console/jobs/{job_id}/result.csv",
            get(app::job_result_csv),
        )
        .merge(rest::ges_router(state.clone()))
        .merge(rest::management_router(state.clone()))
        .merge(rest::management_v1_router(state.clone()))
        .merge(rest::cloud_router(state.clone()))
        .merge(rest::modelarts_router(state.clone()))
        .merge(rest::cts_router(state.clone()))
        .merge(console)
        .fallback(
            move |uri: axum::http::Uri,
                  state: axum::extract::State<AppState>,
                  req: axum::extract::Request| {
                let console_fallback = console_fallback.clone();
                async move {
                    match rest::unknown_api_path(uri.path()) {
                        Some(answer) => answer,
                        None => console_fallback(uri, state, req).await,
                    }
                }
            },
        )
        .layer(axum::middleware::from_fn(
            crate::multipart_only::require_multipart,
        ))
        .layer(axum::middleware::from_fn(
            crate::same_origin::refuse_cross_site,
        ))
        .layer(DefaultBodyLimit::max(body_limit))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// `graphjobs serve`.
pub async fn serve(args: ServeArgs) -> Result<(), Box<dyn std::error::Error>> {
    let engine = engine::Engine::open(args.engine_config()).await?;
    if args.demo {
        crate::demo::ensure(&engine).await?;
    }
    let state = AppState {
        engine: engine.clone(),
        leptos_options: leptos_options(&args),
        body_limit: args.body_limit,
    };
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    let addr = listener.local_addr()?;
    tracing::info!(data_dir = %args.data_dir.display(), "graphjobs listening on http://{addr}");
    // With the peer's address: the audit log records each action's source.
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    tracing::info!("shutting down: waiting up to {SHUTDOWN_GRACE:?} for running jobs");
    engine.shutdown(SHUTDOWN_GRACE).await;
    Ok(())
}

/// Resolves on SIGTERM or Ctrl-C.
pub(crate) async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
