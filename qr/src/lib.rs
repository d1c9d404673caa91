//! A Faster Payments deep link as a QR code: the SVG the browser package's
//! QR module shows on a payment's status page (`view.interaction`, type
//! `qr`). Pure: text in, SVG text out; the encoder is Project Nayuki's
//! `qrcodegen`. Only an absolute http(s) link of printable ASCII is encoded
//! (what the core lets into a view's interaction); the SVG carries a title
//! and `role="img"` with the label given, escaped.

use qrcodegen::{QrCode, QrCodeEcc};

/// The longest link encoded (an FPS link is under 200 bytes).
pub const MAX_LINK_BYTES: usize = 2048;
/// The quiet zone around the code, in modules (the standard's four).
const BORDER: usize = 4;

/// Why a link makes no QR code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrError {
    /// Not an absolute http(s) URL of printable ASCII.
    NotALink,
    /// Longer than [`MAX_LINK_BYTES`].
    TooLong,
    /// The label is longer than 200 characters.
    LabelTooLong,
}

impl QrError {
    /// The argument at fault.
    pub fn field(self) -> &'static str {
        match self {
            QrError::NotALink | QrError::TooLong => "link",
            QrError::LabelTooLong => "opts.label",
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            QrError::NotALink => "must be an absolute http: or https: URL of printable ASCII",
            QrError::TooLong => "must be at most 2048 bytes",
            QrError::LabelTooLong => "must be at most 200 characters",
        }
    }
}

fn link_ok(link: &str) -> Result<(), QrError> {
    if link.len() > MAX_LINK_BYTES {
        return Err(QrError::TooLong);
    }
    let lower = link.get(..8).unwrap_or(link).to_ascii_lowercase();
    let rest = if lower.starts_with("https://") {
        &link[8..]
    } else if lower.starts_with("http://") {
        &link[7..]
    } else {
        return Err(QrError::NotALink);
    };
    let host_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let printable = link
        .bytes()
        .all(|b| b.is_ascii_graphic() && !matches!(b, b'"' | b'<' | b'>' | b'\\' | b'`'));
    if host_end == 0 || rest[..host_end].contains('@') || !printable {
        return Err(QrError::NotALink);
    }
    Ok(())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The modules of the code for `link` (`true` dark), with its size.
pub fn modules(link: &str) -> Result<(usize, Vec<bool>), QrError> {
    link_ok(link)?;
    let code = QrCode::encode_text(link, QrCodeEcc::Medium).map_err(|_| QrError::TooLong)?;
    let size = code.size() as usize;
    let mut out = Vec::with_capacity(size * size);
    for y in 0..size as i32 {
        for x in 0..size as i32 {
            out.push(code.get_module(x, y));
        }
    }
    Ok((size, out))
}

/// The SVG of `link`'s QR code, named `label` for assistive technology.
/// Each row's dark runs are one rectangle each in one path.
pub fn svg(link: &str, label: &str) -> Result<String, QrError> {
    if label.chars().count() > 200 {
        return Err(QrError::LabelTooLong);
    }
    let (size, dark) = modules(link)?;
    let full = size + 2 * BORDER;
    let mut path = String::new();
    for y in 0..size {
        let row = &dark[y * size..(y + 1) * size];
        let mut x = 0;
        while x < size {
            if !row[x] {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && row[x] {
                x += 1;
            }
            let run = x - start;
            for (prefix, n) in [("M", start + BORDER), (",", y + BORDER), ("h", run)] {
                path.push_str(prefix);
                push_number(&mut path, n);
            }
            path.push_str("v1h-");
            push_number(&mut path, run);
            path.push('z');
        }
    }
    let label = escape(label);
    let mut n = String::new();
    push_number(&mut n, full);
    let mut out = String::with_capacity(path.len() + 2 * label.len() + 300);
    for part in [
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ",
        &n,
        " ",
        &n,
        "\" role=\"img\" aria-label=\"",
        &label,
        "\" shape-rendering=\"crispEdges\"><title>",
        &label,
        "</title><rect width=\"",
        &n,
        "\" height=\"",
        &n,
        "\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
        &path,
        "\"/></svg>",
    ] {
        out.push_str(part);
    }
    Ok(out)
}

/// `n` in decimal, without the formatting machinery (the wasm is smaller).
fn push_number(out: &mut String, n: usize) {
    if n >= 10 {
        push_number(out, n / 10);
    }
    out.push((b'0' + (n % 10) as u8) as char);
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINK: &str = "https://qr.nspk.ru/AS1000670LSS7DN18SJQDNP4B05KLJL2?type=02&bank=100000000001&sum=150000&cur=RUB&crc=C08B";

    #[test]
    fn a_link_becomes_a_square_code_with_its_finder_patterns() {
        let (size, dark) = modules(LINK).unwrap();
        assert!((21..=177).contains(&size) && (size - 17) % 4 == 0, "{size}");
        // The finder pattern's top row at each of three corners: 7 dark.
        let at = |x: usize, y: usize| dark[y * size + x];
        assert!((0..7).all(|x| at(x, 0) && at(size - 1 - x, 0)));
        assert!((0..7).all(|x| at(x, size - 1)));
        assert!(!at(7, 0) && !at(size - 8, 0), "the separators are light");
        let svg = svg(LINK, "Pay 1,500.00 RUB in your bank app").unwrap();
        let full = size + 8;
        assert!(svg.starts_with(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {full} {full}\" role=\"img\""
        )));
        assert!(svg.contains("aria-label=\"Pay 1,500.00 RUB in your bank app\""));
        assert!(svg.contains("<title>Pay 1,500.00 RUB in your bank app</title>"));
        assert!(
            svg.contains("M4,4h7v1h-7z"),
            "the first finder row as one run"
        );
        assert_eq!(
            svg,
            super::svg(LINK, "Pay 1,500.00 RUB in your bank app").unwrap()
        );
    }

    #[test]
    fn only_links_are_encoded_and_the_label_is_text() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "qr.nspk.ru/x",
            "https://",
            "https:///x",
            "https://u@bank.test/x",
            "https://bank.test/a b",
            "https://bank.test/\"onload=",
            "https://bank.test/<x>",
            "https://bank.test/\u{430}",
            "https://bank.test/\n",
        ] {
            assert_eq!(svg(bad, "x").unwrap_err(), QrError::NotALink, "{bad}");
        }
        let long = format!("https://bank.test/{}", "a".repeat(MAX_LINK_BYTES));
        assert_eq!(svg(&long, "x").unwrap_err(), QrError::TooLong);
        assert_eq!(
            svg(LINK, &"x".repeat(201)).unwrap_err().field(),
            "opts.label"
        );
        let s = svg(
            "HTTP://127.0.0.1:4010/bank/pm_1?code=ab",
            "<b>\"x\"</b>\u{7}",
        )
        .unwrap();
        assert!(s.contains("aria-label=\"&lt;b&gt;&quot;x&quot;&lt;/b&gt; \""));
        assert!(!s.contains("<b>"));
    }
}
