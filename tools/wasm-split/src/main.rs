//! `wasm-split <input.wasm> <pkg-dir> <main-out.wasm>`: splits the console's wasm at its
//! `#[lazy]` split points (one per lazily loaded island, `#[island(lazy)]` in `app/src/areas.rs`).
//!
//! Writes into `<pkg-dir>`:
//! - one `split_*.wasm` per split point and `chunk_*.wasm` for code that several share;
//! - `__wasm_split.______________________.js`, the loader the main module imports. Leptos'
//!   `HydrationScripts` looks for exactly this name when file hashing is off;
//! - `__wasm_split_manifest.json`, which chunks each split point needs. The server reads it to
//!   add `<link rel="preload">` tags for the chunks of the page it rendered.
//!
//! The main module goes to `<main-out.wasm>`, for wasm-bindgen (`--keep-lld-exports`). Every
//! written `.wasm` is printed, one per line, so the build can run wasm-opt on each.
//!
//! The input must be linked with `-Clink-args=--emit-relocs` (see `.cargo/config.toml`).

use std::path::Path;
use std::process::ExitCode;

/// The loader's file name, as leptos expects it.
const LOADER: &str = "__wasm_split.______________________.js";
/// The split-point manifest's file name, as leptos expects it.
const MANIFEST: &str = "__wasm_split_manifest.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input, pkg_dir, main_out] = args.as_slice() else {
        eprintln!("usage: wasm-split <input.wasm> <pkg-dir> <main-out.wasm>");
        return ExitCode::from(2);
    };
    match split(Path::new(input), Path::new(pkg_dir), Path::new(main_out)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("wasm-split: {message}");
            ExitCode::FAILURE
        }
    }
}

fn split(input: &Path, pkg_dir: &Path, main_out: &Path) -> Result<(), String> {
    let wasm = std::fs::read(input).map_err(|e| format!("{}: {e}", input.display()))?;
    let link_name = format!("./{LOADER}");
    let split = wasm_split_cli_support::transform({
        let mut opts = wasm_split_cli_support::Options::new(&wasm);
        opts.output_dir = pkg_dir;
        opts.main_out_path = main_out;
        opts.main_module = "./console.js";
        opts.link_name = &link_name;
        opts
    })
    .map_err(|e| format!("{e:#}"))?;
    let manifest = serde_json::to_string_pretty(&split.prefetch_map).map_err(|e| e.to_string())?;
    let manifest_path = pkg_dir.join(MANIFEST);
    std::fs::write(&manifest_path, manifest)
        .map_err(|e| format!("{}: {e}", manifest_path.display()))?;
    for module in &split.split_modules {
        println!("{}", module.display());
    }
    Ok(())
}
