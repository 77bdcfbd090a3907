//! Canonical decimal names (`0`, `17`, `262143`): which names are numbers, and their value,
//! read a word at a time.

/// The value of a canonical decimal name: 1 to 9 ASCII digits, no leading zero but `0` itself.
///
/// Two lookups per edge row make this the import's most frequent parse, so the digits are
/// checked and added up a word at a time rather than one by one.
#[inline]
pub(super) fn decimal(name: &str) -> Option<u32> {
    let b = name.as_bytes();
    match b.len() {
        0 | 10.. => None,
        n if b[0] == b'0' && n > 1 => None,
        9 => {
            let head = b[0].wrapping_sub(b'0');
            if head > 9 {
                return None;
            }
            Some(
                u32::from(head) * 100_000_000
                    + eight_digits(u64::from_le_bytes(b[1..].try_into().ok()?))?,
            )
        }
        _ => eight_digits(right_aligned(b)),
    }
}

/// `b` (one to eight bytes) as the last bytes of a word of `0`s, which add nothing to a number:
/// read straight from `b` (a copy into a stack word first, then read back whole, stalled the
/// read until the copy's bytes were stored).
#[inline]
fn right_aligned(b: &[u8]) -> u64 {
    let n = b.len();
    if n >= 4 {
        // The first four bytes and the last four, overlapping when there are fewer than eight.
        let first = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let last = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        let pad = 8 * (8 - n) as u32;
        first << pad | last << 32 | u64::from_le_bytes([b'0'; 8]) & ((1 << pad) - 1)
    } else {
        b.iter().fold(u64::from_le_bytes([b'0'; 8]), |w, &c| {
            w >> 8 | u64::from(c) << 56
        })
    }
}

/// The number eight ASCII digits write (the first the most significant, in the word's lowest
/// byte), or `None` when a byte is not a digit.
#[inline]
fn eight_digits(v: u64) -> Option<u32> {
    const ZEROS: u64 = 0x3030_3030_3030_3030;
    const HIGH_NIBBLES: u64 = 0xf0f0_f0f0_f0f0_f0f0;
    // A byte is a digit when it is 0x3? and still 0x3? plus 6 (a carry out of a byte only
    // comes from one that already failed, so it cannot make a bad word pass).
    let digits =
        v & HIGH_NIBBLES == ZEROS && v.wrapping_add(0x0606_0606_0606_0606) & HIGH_NIBBLES == ZEROS;
    if !digits {
        return None;
    }
    // Byte 0 holds the first digit (little-endian). Each step makes lane k ten (a hundred, ten
    // thousand) times lane k plus lane k + 1, then keeps every other lane: digits make pairs,
    // pairs fours, fours the eight.
    let x = v - ZEROS;
    let x = (x.wrapping_mul(10 << 8 | 1) >> 8) & 0x00ff_00ff_00ff_00ff;
    let x = (x.wrapping_mul(100 << 16 | 1) >> 16) & 0x0000_ffff_0000_ffff;
    Some((x.wrapping_mul(10_000 << 32 | 1) >> 32) as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_canonical_decimals_are_numbers() {
        assert_eq!(decimal("0"), Some(0));
        assert_eq!(decimal("262143"), Some(262_143));
        assert_eq!(decimal("999999999"), Some(999_999_999));
        for name in [
            "",
            "00",
            "07",
            "1234567890",
            "-1",
            "+1",
            "1.0",
            "1e3",
            " 1",
            "12a",
            "١",
        ] {
            assert_eq!(decimal(name), None, "{name:?}");
        }
    }

    #[test]
    fn decimals_read_as_the_standard_parse_reads_them() {
        // Every length, with each position holding a digit's neighbours ('/', ':'), bytes whose
        // high nibble is 3 but are no digit, and bytes that carry when 6 is added.
        let alphabet = b"0123456789/:;?\xfa\xffa ";
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        for len in 0..=11 {
            for _ in 0..3000 {
                let bytes: Vec<u8> = (0..len)
                    .map(|_| {
                        seed ^= seed << 13;
                        seed ^= seed >> 7;
                        seed ^= seed << 17;
                        // Mostly digits, so that many names are numbers.
                        let i = (seed % 40) as usize;
                        alphabet[if i < 10 { i } else { i % alphabet.len() }]
                    })
                    .collect();
                let name = String::from_utf8_lossy(&bytes);
                let canonical = !name.is_empty()
                    && name.len() <= 9
                    && name.bytes().all(|c| c.is_ascii_digit())
                    && (name == "0" || !name.starts_with('0'));
                let expected = canonical.then(|| name.parse::<u32>().unwrap());
                assert_eq!(decimal(&name), expected, "{name:?}");
            }
        }
    }
}
