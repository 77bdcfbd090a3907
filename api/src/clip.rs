//! Error messages quote the offending value in brackets (`graph name [x] is invalid`); a
//! hostile request can make that value megabytes long. [`clip_message`] shortens every
//! bracketed value to [`VALUE_LIMIT`] characters and the whole message to [`MESSAGE_LIMIT`],
//! marking each cut with `…`, so an error never echoes a large input back. ModelArts'
//! messages are cut at their source already (`engine/src/viz/validate.rs`, 64 characters); the
//! rule here holds for every REST surface (the server's `ApiError`) and for the console's
//! server functions (`AppError` from an engine error), so it lives with the wire types.

/// Characters of a bracketed value kept in a message.
pub const VALUE_LIMIT: usize = 64;
/// Characters of a whole message kept.
pub const MESSAGE_LIMIT: usize = 1024;

/// `message` with long bracketed values and a long tail cut.
pub fn clip_message(message: &str) -> String {
    if message.len() <= VALUE_LIMIT {
        return message.to_string();
    }
    let mut out = String::with_capacity(message.len().min(MESSAGE_LIMIT * 4));
    let mut rest = message;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..=open]);
        rest = &rest[open + 1..];
        let Some(close) = rest.find(']') else { break };
        push_cut(&mut out, &rest[..close], VALUE_LIMIT);
        out.push(']');
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    if out.chars().count() <= MESSAGE_LIMIT {
        return out;
    }
    let mut whole = String::new();
    push_cut(&mut whole, &out, MESSAGE_LIMIT);
    whole
}

/// Appends the first `limit` characters of `text`, and `…` if anything was left out.
fn push_cut(out: &mut String, text: &str, limit: usize) {
    match text.char_indices().nth(limit) {
        Some((end, _)) => {
            out.push_str(&text[..end]);
            out.push('…');
        }
        None => out.push_str(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_messages_are_kept_as_they_are() {
        let m = "graph name [movie] is invalid: 1-64 letters";
        assert_eq!(clip_message(m), m);
        assert_eq!(clip_message("unbalanced [bracket"), "unbalanced [bracket");
    }

    #[test]
    fn long_bracketed_values_are_cut_to_the_value_limit() {
        let long = "é".repeat(60_000);
        let m = format!("graph name [{long}] is invalid: 1-64 letters; path [{long}] is refused");
        let clipped = clip_message(&m);
        let cut = format!("{}…", "é".repeat(VALUE_LIMIT));
        assert_eq!(
            clipped,
            format!("graph name [{cut}] is invalid: 1-64 letters; path [{cut}] is refused")
        );
    }

    #[test]
    fn a_long_message_without_brackets_is_cut_as_a_whole() {
        let m = format!("unexpected value {} here", "x".repeat(10_000));
        let clipped = clip_message(&m);
        assert_eq!(clipped.chars().count(), MESSAGE_LIMIT + 1);
        assert!(clipped.starts_with("unexpected value xxx") && clipped.ends_with("x…"));
        // A value holding `]` early leaves the rest as text, which the whole-message cut bounds.
        let tricky = format!("name [a]{}] bad", "y".repeat(5_000));
        assert_eq!(clip_message(&tricky).chars().count(), MESSAGE_LIMIT + 1);
    }
}
