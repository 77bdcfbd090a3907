//! The run form's executor choice, what the REST API's `X-Executor` header says: "Automatic"
//! sends none (the engine runs a partitioned graph distributed, any other graph on this
//! node's engine), "Distributed" sends `distributed` (a group of compute processes, each
//! holding a part of the graph). There is no "Local": `X-Executor: local` is the same as no
//! header (a partitioned graph runs distributed whatever is asked), so it would be a second
//! name for "Automatic".

use engine::distributed::{ALGORITHMS, Executor};
use leptos::prelude::*;

/// The `executor` select, `chosen` selected.
#[component]
pub(crate) fn ExecutorField(
    /// The executor a stored job asked for ("Run again"), or `Local` (none).
    chosen: Executor,
) -> impl IntoView {
    let distributed = chosen == Executor::Distributed;
    let help = format!(
        "Automatic: this node's engine, or the distributed executor for a partitioned graph. \
         Distributed: a group of compute processes, each holding a part of the graph ({}).",
        ALGORITHMS.join(", ")
    );
    view! {
        <div class="field">
            <label for="executor">"Executor"</label>
            <select id="executor" name="executor" aria-describedby="executor-help">
                <option value="" selected=!distributed>"Automatic"</option>
                <option value="distributed" selected=distributed>"Distributed"</option>
            </select>
            <small id="executor-help" class="help">{help}</small>
        </div>
    }
}
