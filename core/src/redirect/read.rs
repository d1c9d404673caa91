//! `customer_interaction.redirect` read from any tree: an API answer, a
//! webhook, or the `redirect` of a view the page holds.

use crate::error::Error;
use crate::limits::MAX_REDIRECT_FIELDS;
use crate::model::{Fields, Redirect, RedirectMethod};
use crate::prelude::*;
use crate::tree::{Kind, Node, Path, Reader};

pub fn read_redirect<N: Node>(r: &Reader, v: &N, path: &Path) -> Result<Redirect, Error> {
    r.expect_object(v, path)?;
    let method = r.required(r.string(v, path, "method")?, path, "method")?;
    Ok(Redirect {
        url: r.string(v, path, "url")?.unwrap_or_default(),
        base_url: r.string(v, path, "base_url")?,
        method: RedirectMethod::from(method.to_ascii_uppercase().as_str()),
        qs: fields(r, v, path, "qs")?,
        params: fields(r, v, path, "params")?,
    })
}

/// An object of form fields in its own order. A number or boolean becomes
/// its text as JavaScript writes it (`1e+21`, `true`) everywhere, `null` an
/// empty string. Field names are data: errors name the object only.
fn fields<N: Node>(r: &Reader, v: &N, path: &Path, key: &str) -> Result<Fields, Error> {
    let Some(obj) = r.child(v, path, key)? else {
        return Ok(Fields::default());
    };
    let here = path.key(key);
    r.expect_object(&obj, &here)?;
    let keys = r.keys(&obj, &here)?;
    if keys.len() > MAX_REDIRECT_FIELDS {
        return Err(r.error(Some(&obj), &here, "has too many fields"));
    }
    let mut out = Vec::with_capacity(keys.len());
    for name in keys {
        let value = obj
            .get(&name)
            .map_err(|_| r.error_at(&here, "could not be read"))?;
        let text = match value {
            None => String::new(),
            Some(value) => match value.kind() {
                Kind::Null | Kind::Other => String::new(),
                Kind::String => value.string().unwrap_or_default(),
                Kind::Number | Kind::Bool => value.scalar_text().unwrap_or_default(),
                _ => {
                    return Err(r.error(
                        Some(&value),
                        &here,
                        "has a field that is not a string, number or boolean",
                    ))
                }
            },
        };
        out.push((name, text));
    }
    Ok(Fields(out))
}
