//! TensorBoard event files: TFRecord framing (length, masked CRC-32C of the length, payload,
//! masked CRC-32C of the payload) around `tensorflow.Event` protobufs. Only what a scalar chart
//! needs is decoded: `step` and each summary value's `tag` with its `simple_value`, or a
//! single-float tensor (TF2's `tf.summary.scalar`). Hand-decoded: the few fields are stable
//! parts of the TensorBoard format and a protobuf toolchain would be a heavy dependency.

/// `(tag, step, value)` of every scalar in `bytes`.
///
/// # Errors
/// A truncated record, a CRC mismatch (a corrupt or non-TFRecord file) or malformed protobuf.
pub fn parse_events(bytes: &[u8]) -> Result<Vec<(String, i64, f64)>, String> {
    let mut out = Vec::new();
    let mut at = 0usize;
    let mut record = 0usize;
    while at < bytes.len() {
        let head = bytes
            .get(at..at + 12)
            .ok_or_else(|| format!("record {record}: truncated header"))?;
        let len = u64::from_le_bytes(head[..8].try_into().expect("8 bytes"));
        let len_crc = u32::from_le_bytes(head[8..12].try_into().expect("4 bytes"));
        if masked_crc(&head[..8]) != len_crc {
            return Err(format!(
                "record {record}: length CRC mismatch (not a TFRecord file?)"
            ));
        }
        let len = usize::try_from(len).map_err(|_| format!("record {record}: length too large"))?;
        let start = at + 12;
        let end = start
            .checked_add(len)
            .filter(|&e| e + 4 <= bytes.len())
            .ok_or_else(|| format!("record {record}: truncated payload"))?;
        let data = &bytes[start..end];
        let crc = u32::from_le_bytes(bytes[end..end + 4].try_into().expect("4 bytes"));
        if masked_crc(data) != crc {
            return Err(format!("record {record}: payload CRC mismatch"));
        }
        event(data, &mut out).map_err(|e| format!("record {record}: {e}"))?;
        at = end + 4;
        record += 1;
    }
    Ok(out)
}

/// One framed event with a scalar summary (tests and demo data write event files with it).
pub fn encode_scalar_event(wall_time: f64, step: i64, tag: &str, value: f32) -> Vec<u8> {
    let mut v = Vec::new();
    put_bytes(&mut v, 1, tag.as_bytes());
    v.push(2 << 3 | 5);
    v.extend_from_slice(&value.to_le_bytes());
    let mut summary = Vec::new();
    put_bytes(&mut summary, 1, &v);
    let mut ev = Vec::new();
    ev.push(1 << 3 | 1);
    ev.extend_from_slice(&wall_time.to_le_bytes());
    ev.push(2 << 3);
    put_varint(&mut ev, step as u64);
    put_bytes(&mut ev, 5, &summary);
    let mut framed = Vec::with_capacity(ev.len() + 16);
    let len = (ev.len() as u64).to_le_bytes();
    framed.extend_from_slice(&len);
    framed.extend_from_slice(&masked_crc(&len).to_le_bytes());
    framed.extend_from_slice(&ev);
    framed.extend_from_slice(&masked_crc(&ev).to_le_bytes());
    framed
}

fn put_varint(out: &mut Vec<u8>, mut x: u64) {
    while x >= 0x80 {
        out.push((x as u8) | 0x80);
        x >>= 7;
    }
    out.push(x as u8);
}

fn put_bytes(out: &mut Vec<u8>, field: u8, bytes: &[u8]) {
    out.push(field << 3 | 2);
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// A protobuf field: number and value.
enum Field<'a> {
    Varint(u64),
    Fixed64([u8; 8]),
    Fixed32([u8; 4]),
    Bytes(&'a [u8]),
}

/// Iterates the fields of one message.
fn fields(mut buf: &[u8]) -> impl Iterator<Item = Result<(u64, Field<'_>), String>> {
    std::iter::from_fn(move || {
        if buf.is_empty() {
            return None;
        }
        let mut step = || -> Result<(u64, Field<'_>), String> {
            let key = varint(&mut buf)?;
            let field = match key & 7 {
                0 => Field::Varint(varint(&mut buf)?),
                1 => Field::Fixed64(take(&mut buf, 8)?.try_into().expect("8 bytes")),
                5 => Field::Fixed32(take(&mut buf, 4)?.try_into().expect("4 bytes")),
                2 => {
                    let n = usize::try_from(varint(&mut buf)?).map_err(|_| "length too large")?;
                    Field::Bytes(take(&mut buf, n)?)
                }
                w => return Err(format!("unsupported protobuf wire type {w}")),
            };
            Ok((key >> 3, field))
        };
        let r = step();
        if r.is_err() {
            buf = &[];
        }
        Some(r)
    })
}

fn take<'a>(buf: &mut &'a [u8], n: usize) -> Result<&'a [u8], String> {
    if buf.len() < n {
        return Err("truncated protobuf".into());
    }
    let (head, rest) = buf.split_at(n);
    *buf = rest;
    Ok(head)
}

fn varint(buf: &mut &[u8]) -> Result<u64, String> {
    let mut x = 0u64;
    for shift in (0..64).step_by(7) {
        let b = *take(buf, 1)?.first().expect("one byte");
        x |= u64::from(b & 0x7f) << shift;
        if b < 0x80 {
            return Ok(x);
        }
    }
    Err("varint too long".into())
}

fn event(data: &[u8], out: &mut Vec<(String, i64, f64)>) -> Result<(), String> {
    let mut step = 0i64;
    let mut summaries = Vec::new();
    for f in fields(data) {
        match f? {
            (2, Field::Varint(s)) => step = s as i64,
            (5, Field::Bytes(summary)) => summaries.push(summary),
            _ => {}
        }
    }
    for summary in summaries {
        for f in fields(summary) {
            if let (1, Field::Bytes(value)) = f?
                && let Some(point) = scalar(value)?
            {
                out.push((point.0, step, point.1));
            }
        }
    }
    Ok(())
}

/// A `Summary.Value`'s tag and scalar, if it holds one.
fn scalar(value: &[u8]) -> Result<Option<(String, f64)>, String> {
    let mut tag = None;
    let mut number = None;
    for f in fields(value) {
        match f? {
            (1, Field::Bytes(t)) => tag = Some(String::from_utf8_lossy(t).into_owned()),
            (2, Field::Fixed32(b)) => number = Some(f64::from(f32::from_le_bytes(b))),
            (8, Field::Bytes(tensor)) => number = number.or(tensor_scalar(tensor)?),
            _ => {}
        }
    }
    Ok(tag.zip(number))
}

/// The single value of a float or double tensor (`float_val`, `double_val` or
/// `tensor_content`).
fn tensor_scalar(tensor: &[u8]) -> Result<Option<f64>, String> {
    let mut dtype = 0;
    let mut value = None;
    let mut content: Option<&[u8]> = None;
    for f in fields(tensor) {
        match f? {
            (1, Field::Varint(d)) => dtype = d,
            (4, Field::Bytes(c)) => content = Some(c),
            (5, Field::Fixed32(b)) => value = Some(f64::from(f32::from_le_bytes(b))),
            (5, Field::Bytes(b)) if b.len() == 4 => {
                value = Some(f64::from(f32::from_le_bytes(
                    b.try_into().expect("4 bytes"),
                )));
            }
            (6, Field::Fixed64(b)) => value = Some(f64::from_le_bytes(b)),
            (6, Field::Bytes(b)) if b.len() == 8 => {
                value = Some(f64::from_le_bytes(b.try_into().expect("8 bytes")));
            }
            _ => {}
        }
    }
    Ok(value.or_else(|| match (dtype, content) {
        (1, Some(c)) if c.len() == 4 => Some(f64::from(f32::from_le_bytes(c.try_into().ok()?))),
        (2, Some(c)) if c.len() == 8 => Some(f64::from_le_bytes(c.try_into().ok()?)),
        _ => None,
    }))
}

/// TFRecord's masked CRC-32C.
fn masked_crc(data: &[u8]) -> u32 {
    let crc = crc32c(data);
    (crc.rotate_right(15)).wrapping_add(0xa282_ead8)
}

/// CRC-32C (Castagnoli), bitwise; event files are small.
fn crc32c(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in data {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0x82f6_3b78
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crc32c_matches_the_standard_check_value() {
        assert_eq!(crc32c(b"123456789"), 0xe306_9283);
    }

    #[test]
    fn scalar_events_round_trip_and_corruption_is_reported() {
        let mut file = Vec::new();
        for step in 0..5 {
            file.extend(encode_scalar_event(
                1.7e9,
                step,
                "loss",
                1.0 / (step as f32 + 1.0),
            ));
            file.extend(encode_scalar_event(
                1.7e9,
                step,
                "acc",
                0.5 + step as f32 * 0.1,
            ));
        }
        let points = parse_events(&file).unwrap();
        assert_eq!(points.len(), 10);
        assert_eq!(points[2], ("loss".to_string(), 1, 0.5));
        assert!((points[9].2 - 0.9).abs() < 1e-6);
        let mut bad = file.clone();
        bad[20] ^= 0xff;
        assert!(parse_events(&bad).unwrap_err().contains("CRC"));
        assert!(
            parse_events(&file[..file.len() - 2])
                .unwrap_err()
                .contains("truncated")
        );
        assert!(parse_events(b"hello world, not a record").is_err());
    }

    #[test]
    fn a_tf2_tensor_scalar_is_read() {
        // Summary.Value{tag: "t", tensor: TensorProto{dtype: DT_FLOAT, float_val: [2.5]}}
        let mut tensor = vec![1 << 3, 1, 5 << 3 | 5];
        tensor.extend_from_slice(&2.5f32.to_le_bytes());
        let mut value = Vec::new();
        put_bytes(&mut value, 1, b"t");
        put_bytes(&mut value, 8, &tensor);
        assert_eq!(scalar(&value).unwrap(), Some(("t".to_string(), 2.5)));
    }
}
