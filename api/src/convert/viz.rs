//! Engine visualization jobs → the console's DTOs (`console::viz`).

use engine::time_fmt;
use engine::viz::view::VizView as EngineView;
use engine::viz::{VizJob, VizPage as EnginePage, VizState, state};

use crate::console::viz::{VizActions, VizBin, VizJobView, VizPage, VizRow, VizSeries, VizView};

/// The engine's name of a status (its `VizState` variant), upper-case as ModelArts writes
/// the `JOBSTAT_*` names.
pub fn state_word(s: VizState) -> &'static str {
    match s {
        VizState::Init => "INIT",
        VizState::Waiting => "WAITING",
        VizState::Running => "RUNNING",
        VizState::Killing => "KILLING",
        VizState::Completed => "COMPLETED",
        VizState::Failed => "FAILED",
        VizState::Killed => "KILLED",
    }
}

/// What the engine's state machine allows from `s`.
pub fn actions(s: VizState) -> VizActions {
    VizActions {
        stop: state::stop(s).is_ok(),
        restart: state::restart(s).is_ok(),
        delete: state::delete(s).is_ok(),
    }
}

/// A table row, with `duration` as of `now_ms` (Unix milliseconds).
pub fn viz_row(job: &VizJob, now_ms: i64) -> VizRow {
    VizRow {
        id: job.id,
        name: job.name.clone(),
        desc: job.desc.clone(),
        state_code: job.state.code(),
        state: state_word(job.state).to_owned(),
        train_url: job.train_url.clone(),
        created_at: time_fmt::rfc3339(job.created_at),
        duration_ms: job.duration_ms(time_fmt::from_millis(now_ms)),
        fail_reason: job.fail_reason.clone(),
        auto_stop_hours: job.schedule_hours,
        live: !job.state.is_terminal(),
        actions: actions(job.state),
    }
}

/// A table page, with durations as of `now_ms`.
pub fn viz_page(page: &EnginePage, now_ms: i64) -> VizPage {
    VizPage {
        rows: page.jobs.iter().map(|j| viz_row(j, now_ms)).collect(),
        total: page.total,
        remaining: page.remaining,
        now_ms,
    }
}

/// The detail page's data.
pub fn viz_job_view(job: &VizJob, view: Option<EngineView>, now_ms: i64) -> VizJobView {
    VizJobView {
        row: viz_row(job, now_ms),
        view: view.map(viz_view),
        now_ms,
    }
}

/// The view, field for field.
pub fn viz_view(v: EngineView) -> VizView {
    match v {
        EngineView::Metric {
            job_id,
            metric,
            rows,
            min,
            max,
            mean,
            histogram,
            top,
        } => VizView::Metric {
            job_id,
            metric,
            rows,
            min,
            max,
            mean,
            histogram: histogram
                .into_iter()
                .map(|b| VizBin {
                    lo: b.lo,
                    hi: b.hi,
                    count: b.count,
                })
                .collect(),
            top,
        },
        EngineView::Communities {
            job_id,
            metric,
            rows,
            communities,
            sizes,
        } => VizView::Communities {
            job_id,
            metric,
            rows,
            communities,
            sizes,
        },
        EngineView::Paths {
            job_id,
            total,
            paths,
        } => VizView::Paths {
            job_id,
            total,
            paths,
        },
        EngineView::Scalars { files, series } => VizView::Scalars {
            files,
            series: series
                .into_iter()
                .map(|s| VizSeries {
                    tag: s.tag,
                    points: s.points,
                })
                .collect(),
        },
    }
}
