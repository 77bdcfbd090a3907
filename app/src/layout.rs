//! The signed-in frame around every page: header, navigation, main.

mod header;
mod nav;
mod shell_layout;

pub(crate) use shell_layout::ShellLayout;
