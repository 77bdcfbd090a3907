//! What users and the scheduler do to visualization jobs, over the `visualization_jobs` table
//! (`store`): create, list, read, describe, delete, stop or restart, read the view, and take
//! the automatic steps. The façade's verbs (`engine/viz.rs`) call these with the store's
//! database.

use time::OffsetDateTime;

use super::{
    ACTION_ATTEMPTS, JOB_QUOTA, NewVizJob, VizJob, VizListQuery, VizPage, VizState, scheduler,
    source, state, store, validate, view,
};
use crate::engine::Engine;
use crate::job::store::db::Db;
use crate::{Error, Refusal, Result, time_fmt};

/// Creates a job in INIT (see `Engine::create_visualization_job`).
pub(crate) async fn create(db: &Db, project: &str, input: NewVizJob) -> Result<VizJob> {
    validate::project(project)?;
    let valid = validate::new_job(input)?;
    if store::count(db, project).await? >= JOB_QUOTA {
        return Err(Error::refused(
            Refusal::QuotaExceeded,
            format!(
                "the quota of {JOB_QUOTA} visualization jobs is used up; delete some jobs first"
            ),
        ));
    }
    store::insert(db, project, &valid, time_fmt::now()).await
}

/// A filtered, sorted page of a project's jobs.
pub(crate) async fn list(db: &Db, project: &str, query: &VizListQuery) -> Result<VizPage> {
    let now = time_fmt::now();
    let (jobs, total) = store::list(db, project, query, now).await?;
    let held = store::count(db, project).await?;
    Ok(VizPage {
        jobs,
        total,
        remaining: JOB_QUOTA.saturating_sub(held),
    })
}

/// One job; `NotFound` unless it exists in this project (a non-numeric id names no job).
pub(crate) async fn get(db: &Db, project: &str, id: &str) -> Result<VizJob> {
    let found = match validate::job_id(id) {
        Some(n) => store::get(db, project, n).await?,
        None => None,
    };
    found.ok_or_else(|| not_found(id))
}

/// Replaces a job's description (any state).
pub(crate) async fn update_desc(
    db: &Db,
    project: &str,
    id: &str,
    desc: Option<&str>,
) -> Result<VizJob> {
    let desc = validate::job_desc_required(desc)?;
    let job = get(db, project, id).await?;
    if !store::set_desc(db, job.id, &desc).await? {
        return Err(not_found(id));
    }
    get(db, project, id).await
}

/// Deletes a job (refused while KILLING).
pub(crate) async fn delete(db: &Db, project: &str, id: &str) -> Result<()> {
    for _ in 0..ACTION_ATTEMPTS {
        let job = get(db, project, id).await?;
        state::delete(job.state).map_err(refused)?;
        if store::delete(db, job.id, job.state).await? {
            return Ok(());
        }
    }
    Err(busy(id))
}

/// Moves a job as `action` allows from its state (stop, restart), retried when the scheduler
/// moved it at the same moment.
pub(crate) async fn act(
    db: &Db,
    project: &str,
    id: &str,
    action: fn(VizState) -> std::result::Result<VizState, state::Refused>,
) -> Result<VizJob> {
    for _ in 0..ACTION_ATTEMPTS {
        let job = get(db, project, id).await?;
        let to = action(job.state).map_err(refused)?;
        let now = time_fmt::now();
        if store::transition(db, &job, to, now, None).await? {
            return get(db, project, id).await;
        }
    }
    Err(busy(id))
}

/// Takes every automatic step due at `now`; returns how many. Starting to serve reads the
/// files at `train_url` through `engine` (its paths and credentials, see `source`).
pub(crate) async fn tick(db: &Db, engine: &Engine, now: OffsetDateTime) -> Result<u64> {
    let mut moved = 0;
    for job in store::active(db).await? {
        let Some(mut step) = scheduler::next_step(&job, now) else {
            continue;
        };
        // Starting to serve means building the view from train_url; a job whose content
        // cannot be shown fails with the reason instead.
        let mut outcome = None;
        if step.to == VizState::Running {
            let built = match source::read(engine, &job.project, &job.train_url).await {
                Ok(files) => view::build(&files),
                Err(reason) => Err(reason),
            };
            outcome = Some(match built {
                Ok(view) => (
                    Some(serde_json::to_string(&view).expect("a view serialises")),
                    None,
                ),
                Err(reason) => {
                    step.to = VizState::Failed;
                    (None, Some(reason))
                }
            });
        }
        // Entering WAITING (a new run) clears the last run's view and reason.
        let outcome = match &outcome {
            Some((view, reason)) => Some((view.as_deref(), reason.as_deref())),
            None if step.to == VizState::Waiting => Some((None, None)),
            None => None,
        };
        if store::transition_with(db, &job, step.to, step.at, step.ended_at, outcome).await? {
            moved += 1;
        }
    }
    Ok(moved)
}

/// What a RUNNING (or since stopped) job shows; `Conflict` when it has built no view.
pub(crate) async fn view(db: &Db, project: &str, id: &str) -> Result<view::VizView> {
    let job = get(db, project, id).await?;
    let Some(text) = store::view(db, project, job.id).await? else {
        return Err(Error::Conflict {
            message: match job.fail_reason {
                Some(reason) => format!("visualization job [{id}] failed: {reason}"),
                None => format!(
                    "visualization job [{id}] has no view yet (status {})",
                    job.state.code()
                ),
            },
        });
    };
    serde_json::from_str(&text).map_err(|e| Error::Internal(format!("stored view: {e}")))
}

fn not_found(id: &str) -> Error {
    Error::not_found(format!("visualization job [{id}]"))
}

fn refused(r: state::Refused) -> Error {
    Error::Conflict {
        message: r.to_string(),
    }
}

fn busy(id: &str) -> Error {
    Error::Conflict {
        message: format!("visualization job [{id}] is changing state; retry"),
    }
}
